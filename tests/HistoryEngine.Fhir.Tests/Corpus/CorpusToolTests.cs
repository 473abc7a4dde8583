using System.Text.Json;
using HistoryEngine.Cli;
using HistoryEngine.Definitions;
using HistoryEngine.Fhir.Tests.Export;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Corpus;

/// <summary>The command line, export and pre-population on questionnaires of the external corpus.</summary>
public sealed class CorpusToolTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static (int Exit, string Out, string Err) Run(params string[] args) => TestFiles.RunCli(args);

    [SkippableFact]
    public void Check_FhirQuestionnaire_ExitsZero_WithWarningsOnly()
    {
        var (exit, output, _) = Run("check", TestFiles.CorpusFile("stanford-NumberExample.json"));
        Assert.Equal(CommandLine.Ok, exit);
        Assert.Contains("warning HE4050", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Run_FormatFhir_PrintsAValidBundle_AndJsonStaysTheDefault()
    {
        var questionnaire = TestFiles.CorpusFile("lforms-phq9.json");
        var answers = Path.Combine(Path.GetTempPath(), $"he-answers-{Guid.NewGuid():N}.json");
        File.WriteAllText(answers, """{"/44250-9": "LA6569-3"}""");
        try
        {
            var fhir = Run("run", questionnaire, "--answers", answers, "--now", "2026-03-01T08:00", "--format", "fhir");
            Assert.Equal(CommandLine.Ok, fhir.Exit);
            Assert.Contains("\"resourceType\":\"Bundle\"", fhir.Out, StringComparison.Ordinal);
            Assert.Empty(FhirValidation.Errors(fhir.Out));
            var json = Run("run", questionnaire, "--answers", answers);
            Assert.Equal(CommandLine.Ok, json.Exit);
            Assert.Contains("\"enabled\"", json.Out, StringComparison.Ordinal);
            Assert.Equal(CommandLine.Usage, Run("run", questionnaire, "--answers", answers, "--format", "xml").Exit);
        }
        finally { File.Delete(answers); }
    }

    [SkippableFact]
    public void FhirQuestionnaire_Response_IsValid_AndKeepsTheOrdinals()
    {
        var q = QuestionnaireFile.Load(TestFiles.CorpusFile("lforms-phq9.json"));
        Assert.True(q.Compiled is not null, TestFiles.Codes(q.Diagnostics));
        var result = TestFiles.Session(q.Compiled!, """{"/44250-9": "LA6569-3", "/44255-8": "LA6571-9"}""").Result();
        var response = FhirExport.QuestionnaireResponse(result, q.Compiled!, "Patient/example", Clock);
        Assert.Empty(FhirValidation.Errors(response));
        Assert.Contains("LA6571-9", response, StringComparison.Ordinal);
        Assert.Contains("/44261-6", response, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void CorpusPrePopulation_LoadsWithoutTheOldWarning_AndStartsEmptyWithoutAPatient()
    {
        var file = QuestionnaireFile.Load(TestFiles.CorpusFile("smart-forms-CVD-Risk-2023.json"));
        Assert.NotNull(file.Compiled);
        Assert.DoesNotContain(file.Diagnostics, d => d.Message.Contains("initialExpression", StringComparison.Ordinal) && d.Message.Contains("not supported", StringComparison.Ordinal));
        var session = TestFiles.Session(file.Compiled!, "{}");
        var answers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(session.Result().AnswersJson)!;
        Assert.False(answers.ContainsKey("e2a16e4d-2765-4b61-b286-82cfc6356b30"));
    }

    [SkippableFact]
    public void AResponseFile_IsNotChecked_AsAQuestionnaire() =>
        Assert.False(QuestionnaireLoader.IsQuestionnaireFile(TestFiles.CorpusFile("sdc-questionnaireresponse-sdc-profile-example-PHQ9.json")));

    [SkippableFact]
    public void TheExternalCorpus_HasNoBadCode()
    {
        Skip.If(TestFiles.Corpus is null, TestFiles.NoCorpus);
        var codes = Directory.EnumerateFiles(TestFiles.Corpus!, "*.json")
            .SelectMany(f => QuestionnaireFile.Load(f).Diagnostics)
            .Where(d => d.Code.StartsWith("HE16", StringComparison.Ordinal)).Select(d => d.ToString()).ToList();
        Assert.Empty(codes);
    }
}
