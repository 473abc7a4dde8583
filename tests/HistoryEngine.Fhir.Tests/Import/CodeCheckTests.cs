using HistoryEngine.Fhir.Tests.Conformance;
using HistoryEngine.Definitions;
namespace HistoryEngine.Fhir.Tests.Import;

/// <summary>The codes a FHIR questionnaire writes are checked as a native file's are: a SNOMED CT id by its check
/// digit and partition, a LOINC code by its check digit, each reported where its code is written.</summary>
public sealed class CodeCheckTests
{
    private const string Questionnaire = """
        {"resourceType": "Questionnaire", "status": "active", "item": [
          {"linkId": "total", "type": "integer", "text": "Total",
           "code": [{"system": "http://loinc.org", "code": "44261-5", "display": "PHQ-9 total score"}]},
          {"linkId": "where", "type": "choice", "text": "Where",
           "answerOption": [
             {"valueCoding": {"system": "http://snomed.info/sct", "code": "413606002", "display": "Mistyped"}},
             {"valueCoding": {"system": "http://snomed.info/sct", "code": "406507015", "display": "A description"}},
             {"valueCoding": {"system": "http://snomed.info/sct", "code": "271649006", "display": "Systolic blood pressure"}}]}]}
        """;

    [Fact]
    public void BadCodes_AreErrorsAtTheirCode()
    {
        var file = TestFiles.LoadJson(Questionnaire);
        Assert.Null(file.Compiled);
        var errors = file.Diagnostics.Where(d => d.IsError).Select(d => (d.Code, d.Span.Line, d.Span.Column)).ToList();
        Assert.Equal([("HE1605", 3, 52), ("HE1602", 6, 67), ("HE1603", 7, 67)], errors);
    }

    [Fact]
    [TwinOf(typeof(Corpus.CorpusToolTests), nameof(Corpus.CorpusToolTests.TheExternalCorpus_HasNoBadCode))]
    public void TheProjectsFixtures_HaveNoBadCode()
    {
        var codes = Directory.EnumerateFiles(TestFiles.Fixtures, "*.json")
            .Where(QuestionnaireLoader.IsQuestionnaireFile)
            .SelectMany(f => QuestionnaireFile.Load(f).Diagnostics)
            .Where(d => d.Code.StartsWith("HE16", StringComparison.Ordinal)).Select(d => d.ToString()).ToList();
        Assert.Empty(codes);
    }
}
