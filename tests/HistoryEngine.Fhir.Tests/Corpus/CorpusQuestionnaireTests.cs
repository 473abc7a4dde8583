using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir.Tests.Corpus;

/// <summary>
/// Every Questionnaire in the corpus loads, and gets only diagnostics that docs/fhir.md explains: warnings for
/// features the engine does not support, and errors only where the file itself breaks R4 (listed here, by code).
/// </summary>
public sealed class CorpusQuestionnaireTests
{
    /// <summary>Files that break R4 and the errors that say so (see the corpus table in docs/fhir.md).</summary>
    private static readonly Dictionary<string, string[]> KnownErrors = new()
    {
        // answerInteger "2022-09" (text in an integer) against a date and a time question.
        ["lforms-enableWhen-test.R4.json"] = ["HE4005", "HE4005", "HE4005", "HE4005"],
        // answerDecimal with '<' against a choice (Coding) question: R4 has no order on codings.
        ["sdc-questionnaire-sdc-test-enablewhen.json"] = ["HE4005", "HE4005"],
    };

    /// <summary>Warnings docs/fhir.md documents as unsupported or approximated features.</summary>
    private static readonly HashSet<string> DocumentedWarnings = ["HE4050", "HE4051", "HE4052", "HE4053", "HE4054", "HE4055"];

    /// <summary>The corpus's questionnaires; where there is no corpus, one row that the test reports as skipped.</summary>
    public static TheoryData<string> Questionnaires() => TestFiles.Corpus is null ? [NoCorpus] :
        [.. Directory.GetFiles(TestFiles.Corpus, "*.json").Where(QuestionnaireLoader.IsQuestionnaireFile).Select(f => Path.GetFileName(f)!).Order()];

    private const string NoCorpus = "(no corpus)";

    [SkippableTheory]
    [MemberData(nameof(Questionnaires))]
    public void CorpusQuestionnaire_Loads_WithOnlyDocumentedDiagnostics(string name)
    {
        Skip.If(name == NoCorpus, TestFiles.NoCorpus);
        var file = QuestionnaireFile.Load(TestFiles.CorpusFile(name));
        var errors = file.Diagnostics.Where(d => d.IsError).Select(d => d.Code).ToArray();
        Assert.True(KnownErrors.GetValueOrDefault(name, []).SequenceEqual(errors), TestFiles.Codes(file.Diagnostics));
        if (errors.Length == 0) Assert.NotNull(file.Compiled);
        var undocumented = file.Diagnostics.Where(d => !d.IsError && !DocumentedWarnings.Contains(d.Code)).ToList();
        Assert.True(undocumented.Count == 0, TestFiles.Codes(undocumented));
        Assert.All(file.Diagnostics, d => Assert.True(d.Span.Line > 0, $"no position: {d}"));
    }

    [SkippableFact]
    public void Corpus_HoldsTheExpectedQuestionnaires()
    {
        Skip.If(TestFiles.Corpus is null, TestFiles.NoCorpus);
        Assert.Equal(24, Questionnaires().Count);
    }
}
