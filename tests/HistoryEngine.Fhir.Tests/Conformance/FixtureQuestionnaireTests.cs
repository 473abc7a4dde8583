using HistoryEngine.Definitions;
using HistoryEngine.Fhir.Tests.Corpus;

namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>
/// Each of the project's own FHIR questionnaires (Fixtures/) loads with exactly the diagnostics listed here, in
/// order: the warnings docs/fhir.md documents, and errors only where a fixture breaks R4 on purpose.
/// </summary>
public sealed class FixtureQuestionnaireTests
{
    /// <summary>Every fixture questionnaire and the codes of its diagnostics, in the order of their positions.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["bp-quantity.json"] = ["HE4051"], // templateExtract (its launchContext, patient, is given)
        ["calculated-age.json"] = [],
        ["canonical-by-id.json"] = [],
        // answerInteger "2022-09" against a date question; answerDecimal with '<' against a Coding question.
        ["enablewhen-invalid.json"] = ["HE4005", "HE4005"],
        ["enablewhen-nested.json"] = [],
        ["enablewhen-operators.json"] = ["HE4053"], // a time question
        ["initial-values.json"] = ["HE4053", "HE4052", "HE4055", "HE4055", "HE4055", "HE4053"],
        ["item-types.json"] = ["HE4053", "HE4050", "HE4050", "HE4051", "HE4052", "HE4054", "HE4053"],
        ["number-limits.json"] = ["HE4050"], // minValue as a Quantity
        ["ordinal-sum.json"] = [],
        ["ordinal-total.json"] = [],
        ["prepopulation.json"] = ["HE4050"], // a Condition query, which the engine does not answer
        ["repeating-choice-children.json"] = ["HE4053", "HE4053"], // items under a repeating choice, a repeating integer
        ["repeating-groups.json"] = [],
        ["repeating-strings.json"] = ["HE4053", "HE4053"],
        ["risk-chain.json"] = [],
        ["weighted-score.json"] = [],
        // Issue 18: what real SDC questionnaires use.
        ["walk-dependencies.json"] = [],
        ["repeating-calculations.json"] = [],
        // No options (free text); an external value set; an answerExpression; a calculated choice.
        ["choice-without-options.json"] = ["HE4053", "HE4053", "HE4054", "HE4053", "HE4053"],
        ["observation-extract.json"] = ["HE4050"], // inside a repeating group: not extracted
        // Hidden and required; check-box on a single choice and on a yes/no; drop-down ignored; a page not at the top.
        ["rendering.json"] = ["HE4053", "HE4053", "HE4053", "HE4051", "HE4053"],
    };

    public static TheoryData<string> Questionnaires() =>
        [.. Directory.GetFiles(TestFiles.Fixtures, "*.json").Where(QuestionnaireLoader.IsQuestionnaireFile).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Questionnaires))]
    [TwinOf(typeof(CorpusQuestionnaireTests), nameof(CorpusQuestionnaireTests.CorpusQuestionnaire_Loads_WithOnlyDocumentedDiagnostics))]
    public void Fixture_Loads_WithExactlyItsExpectedDiagnostics(string name)
    {
        var file = QuestionnaireFile.Load(TestFiles.Fixture(name));
        var codes = file.Diagnostics.Select(d => d.Code).ToArray();
        Assert.True(Expected[name].SequenceEqual(codes), TestFiles.Codes(file.Diagnostics));
        Assert.Equal(file.Diagnostics.Any(d => d.IsError), file.Compiled is null);
        Assert.All(file.Diagnostics, d => Assert.True(d.Span.Line > 0, $"no position: {d}"));
    }

    [Fact]
    [TwinOf(typeof(CorpusQuestionnaireTests), nameof(CorpusQuestionnaireTests.Corpus_HoldsTheExpectedQuestionnaires))]
    public void EveryFixture_HasItsExpectedDiagnosticsListed() =>
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), Directory.GetFiles(TestFiles.Fixtures, "*.json").Where(QuestionnaireLoader.IsQuestionnaireFile).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
}
