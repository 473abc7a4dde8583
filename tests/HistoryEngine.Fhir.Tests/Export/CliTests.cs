using HistoryEngine.Cli;
using HistoryEngine.Fhir.Tests.Export;

namespace HistoryEngine.Fhir.Tests.Export;

/// <summary>The CLI reads FHIR questionnaires like native ones and prints a FHIR Bundle with --format fhir.</summary>
public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => TestFiles.RunCli(args);

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
    public void FhirExport_PrintsAValidQuestionnaire_ThatReadsBack()
    {
        var (exit, output, error) = Run("fhir", "export", Path.Combine(TestFiles.Questionnaires, "phq9.yaml"));
        Assert.Equal(CommandLine.Ok, exit);
        Assert.Equal("", error);
        Assert.Contains("\"resourceType\":\"Questionnaire\"", output, StringComparison.Ordinal);
        Assert.Empty(FhirValidation.Errors(output));
        var back = TestFiles.LoadJson(output);
        Assert.Empty(back.Diagnostics);
        Assert.Equal("phq9", back.Compiled!.Id);
    }

    [Fact]
    public void FhirExport_FileWithErrors_ExitsOne_WithDiagnosticsOnStderr()
    {
        var path = Path.Combine(Path.GetTempPath(), $"he-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "id: bad\nversion: 1.0.0\nitems:\n  - {id: q, type: boolean, requird: true}\n");
        try
        {
            var (exit, output, error) = Run("fhir", "export", path);
            Assert.Equal(CommandLine.Failed, exit);
            Assert.Equal("", output);
            Assert.Contains("error HE1006", error, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("fhir")]
    [InlineData("fhir", "import", "x.yaml")]
    [InlineData("fhir", "export")]
    [InlineData("fhir", "export", "a.yaml", "b.yaml")]
    [InlineData("fhir", "export", "does-not-exist.yaml")]
    public void FhirExport_WrongCommandLine_ExitsTwo(params string[] args) => Assert.Equal(CommandLine.Usage, Run(args).Exit);
}
