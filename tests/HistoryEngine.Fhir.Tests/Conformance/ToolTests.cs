using System.Text.Json;
using HistoryEngine.Cli;
using HistoryEngine.Definitions;
using HistoryEngine.Fhir.Tests.Corpus;
using HistoryEngine.Fhir.Tests.Export;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>The command line, export and pre-population on the project's own FHIR questionnaires.</summary>
public sealed class ToolTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static (int Exit, string Out, string Err) Run(params string[] args) => TestFiles.RunCli(args);

    [Fact]
    [TwinOf(typeof(CorpusToolTests), nameof(CorpusToolTests.Check_FhirQuestionnaire_ExitsZero_WithWarningsOnly))]
    public void Check_FhirQuestionnaireWithWarnings_ExitsZero()
    {
        var (exit, output, summary) = Run("check", TestFiles.Fixture("number-limits.json"));
        Assert.Equal(CommandLine.Ok, exit);
        Assert.Contains("number-limits.json(", output, StringComparison.Ordinal);
        Assert.Contains("warning HE4050", output, StringComparison.Ordinal);
        Assert.Contains("1 file checked: 0 errors, 1 warning", summary, StringComparison.Ordinal);
    }

    [Fact]
    [TwinOf(typeof(CorpusToolTests), nameof(CorpusToolTests.Run_FormatFhir_PrintsAValidBundle_AndJsonStaysTheDefault))]
    public void Run_FormatFhir_PrintsAValidBundle_AndJsonStaysTheDefault()
    {
        var questionnaire = TestFiles.Fixture("ordinal-total.json");
        var answers = Path.Combine(Path.GetTempPath(), $"he-answers-{Guid.NewGuid():N}.json");
        File.WriteAllText(answers, """{"sleep": "most"}""");
        try
        {
            var fhir = Run("run", questionnaire, "--answers", answers, "--now", "2026-03-01T08:00", "--format", "fhir");
            Assert.Equal(CommandLine.Ok, fhir.Exit);
            Assert.Contains("\"resourceType\":\"Bundle\"", fhir.Out, StringComparison.Ordinal);
            Assert.Empty(FhirValidation.Errors(fhir.Out));
            var json = Run("run", questionnaire, "--answers", answers);
            Assert.Equal(CommandLine.Ok, json.Exit);
            using var result = JsonDocument.Parse(json.Out);
            Assert.Equal(["questions", "sleep", "appetite", "focus", "energy", "total"], result.RootElement.GetProperty("enabled").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(CommandLine.Usage, Run("run", questionnaire, "--answers", answers, "--format", "xml").Exit);
        }
        finally { File.Delete(answers); }
    }

    [Fact]
    [TwinOf(typeof(CorpusToolTests), nameof(CorpusToolTests.FhirQuestionnaire_Response_IsValid_AndKeepsTheOrdinals))]
    public void FhirQuestionnaire_Response_IsValid_AndKeepsTheOrdinals()
    {
        var q = TestFiles.LoadFixture("ordinal-total.json").Compiled!;
        var result = TestFiles.Session(q, """{"sleep": "some", "energy": "daily"}""").Result();
        var response = FhirExport.QuestionnaireResponse(result, q, "Patient/example", Clock);
        Assert.Empty(FhirValidation.Errors(response));
        using var doc = JsonDocument.Parse(response);
        var items = doc.RootElement.GetProperty("item");
        var energy = items[0].GetProperty("item").EnumerateArray().Single(i => i.GetProperty("linkId").GetString() == "energy");
        var coding = energy.GetProperty("answer")[0].GetProperty("valueCoding");
        Assert.Equal("daily", coding.GetProperty("code").GetString());
        Assert.Equal(3, coding.GetProperty("extension")[0].GetProperty("valueDecimal").GetDecimal());
        var total = items.EnumerateArray().Single(i => i.GetProperty("linkId").GetString() == "total");
        Assert.Equal(4, total.GetProperty("answer")[0].GetProperty("valueDecimal").GetDecimal());
    }

    [Fact]
    [TwinOf(typeof(CorpusToolTests), nameof(CorpusToolTests.CorpusPrePopulation_LoadsWithoutTheOldWarning_AndStartsEmptyWithoutAPatient))]
    public void PrePopulation_Loads_AndStartsEmptyWithoutAPatient()
    {
        var file = TestFiles.LoadFixture("prepopulation.json");
        Assert.DoesNotContain(file.Diagnostics, d => d.Message.Contains("initialExpression", StringComparison.Ordinal));
        var answers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(TestFiles.Session(file.Compiled!, "{}").Result().AnswersJson)!;
        // Nothing about the patient or their record is known offline: nothing is filled in, not even a "no".
        Assert.Empty(answers);
    }

    [Fact]
    [TwinOf(typeof(CorpusToolTests), nameof(CorpusToolTests.AResponseFile_IsNotChecked_AsAQuestionnaire))]
    public void AResponseFile_IsNotChecked_AsAQuestionnaire()
    {
        Assert.False(QuestionnaireLoader.IsQuestionnaireFile(TestFiles.Fixture("ordinal-sum.response.json")));
        Assert.True(QuestionnaireLoader.IsQuestionnaireFile(TestFiles.Fixture("ordinal-sum.json")));
    }
}
