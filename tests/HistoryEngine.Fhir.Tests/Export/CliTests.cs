using HistoryEngine.Cli;
using HistoryEngine.Fhir.Tests.Export;

namespace HistoryEngine.Fhir.Tests.Export;

/// <summary>The CLI reads FHIR questionnaires like native ones and prints a FHIR Bundle with --format fhir.</summary>
public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Check_FhirQuestionnaire_ExitsZero_WithWarningsOnly()
    {
        var (exit, output, _) = Run("check", TestFiles.CorpusFile("stanford-NumberExample.json"));
        Assert.Equal(CommandLine.Ok, exit);
        Assert.Contains("warning HE4050", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MalformedJson_ExitsOne_WithAPosition()
    {
        var path = Path.Combine(Path.GetTempPath(), $"he-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"resourceType\": \"Questionnaire\",,}");
        try
        {
            var (exit, output, _) = Run("check", path);
            Assert.Equal(CommandLine.Failed, exit);
            Assert.Contains("(1,34): error HE4001", output, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Run_FormatFhir_PrintsAValidBundle_AndJsonStaysTheDefault()
    {
        var answers = Path.Combine(Path.GetTempPath(), $"he-answers-{Guid.NewGuid():N}.json");
        File.WriteAllText(answers, """{"/44250-9": "LA6569-3"}""");
        try
        {
            var fhir = Run("run", TestFiles.CorpusFile("lforms-phq9.json"), "--answers", answers, "--now", "2026-03-01T08:00", "--format", "fhir");
            Assert.Equal(CommandLine.Ok, fhir.Exit);
            Assert.Contains("\"resourceType\":\"Bundle\"", fhir.Out, StringComparison.Ordinal);
            Assert.Empty(FhirValidation.Errors(fhir.Out));
            var json = Run("run", TestFiles.CorpusFile("lforms-phq9.json"), "--answers", answers);
            Assert.Equal(CommandLine.Ok, json.Exit);
            Assert.Contains("\"enabled\"", json.Out, StringComparison.Ordinal);
            Assert.Equal(CommandLine.Usage, Run("run", TestFiles.CorpusFile("lforms-phq9.json"), "--answers", answers, "--format", "xml").Exit);
        }
        finally { File.Delete(answers); }
    }
}
