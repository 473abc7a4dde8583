using HistoryEngine.Fhir.Tests.Corpus;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>The project's own QuestionnaireResponses read back as answers, with every mismatch reported at its place.</summary>
public sealed class ResponseTests
{
    private static (FhirResponseAnswers Read, Session Session) Answer(string questionnaire, string response)
    {
        var q = TestFiles.LoadFixture(questionnaire).Compiled!;
        var path = TestFiles.Fixture(response);
        var read = FhirResponseReader.Read(path, File.ReadAllText(path), q);
        return (read, TestFiles.Session(q, read.AnswersJson));
    }

    [Fact]
    [TwinOf(typeof(CorpusResponseTests), nameof(CorpusResponseTests.SdcPhq9Response_TotalIsTenFromItsAnswers_NotTheThirteenItStores))]
    public void OrdinalSumResponse_TotalIsSevenFromItsAnswers_NotTheNineItStores()
    {
        var (read, session) = Answer("ordinal-sum.json", "ordinal-sum.response.json");
        Assert.False(read.HasErrors, TestFiles.Codes(read.Diagnostics));
        Assert.Empty(read.Diagnostics);
        Assert.Empty(session.Result().Errors);
        Assert.Equal("sa", session.GetAnswer("wellbeing/statements/s3"));
        // The response stores 9, but its answers add up to 2+1+3+0+1 = 7.
        Assert.Equal(9m, read.StoredCalculated["wellbeing/total"]);
        Assert.Equal(7m, session.GetAnswer("wellbeing/total"));
    }

    [Fact]
    [TwinOf(typeof(CorpusResponseTests), nameof(CorpusResponseTests.CardiologyResponse_ReadsBack_AllLinkIdsKnown_CanonicalDiffers))]
    public void CanonicalByIdResponse_ReadsBack_EveryAnswerEnabled()
    {
        var (read, session) = Answer("canonical-by-id.json", "canonical-by-id.response.json");
        // The response names .../Questionnaire/he-fixture-referral; the form's url is a urn:uuid, but its id matches.
        Assert.Empty(read.Diagnostics);
        var result = session.Result();
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => $"{e.Path} {e.Code} {e.Message}")));
        Assert.True(result.Complete);
        using var answers = System.Text.Json.JsonDocument.Parse(read.AnswersJson);
        Assert.Equal(10, answers.RootElement.EnumerateObject().Count());
        foreach (var key in answers.RootElement.EnumerateObject().Select(p => p.Name))
            Assert.True(result.Enabled.Contains(key), $"'{key}' is answered but not enabled");
    }

    [Fact]
    public void ResponseForAnotherQuestionnaire_IsHE4056_AtItsCanonical()
    {
        var q = TestFiles.LoadFixture("canonical-by-id.json").Compiled!;
        var text = File.ReadAllText(TestFiles.Fixture("canonical-by-id.response.json")).Replace("he-fixture-referral", "someone-elses-form", StringComparison.Ordinal);
        var read = FhirResponseReader.Read("r.json", text, q);
        var warning = Assert.Single(read.Diagnostics);
        Assert.Equal("HE4056", warning.Code);
        Assert.Equal(4, warning.Span.Line);
    }

    [Fact]
    [TwinOf(typeof(CorpusResponseTests), nameof(CorpusResponseTests.ReadOnlyRepeatingResponse_ReadsBack_FirstAnswerOfEachRepeatingString))]
    public void RepeatingStringsResponse_KeepsTheFirstAnswer_AndSaysSoForTheSecond()
    {
        var (read, session) = Answer("repeating-strings.json", "repeating-strings.response.json");
        Assert.Equal(["HE4013", "HE4013"], read.Diagnostics.Select(d => d.Code));
        Assert.All(read.Diagnostics, d => Assert.Contains("the first is used", d.Message, StringComparison.Ordinal));
        Assert.Empty(session.Result().Errors);
        Assert.Equal("Ada", session.GetAnswer("given"));
        Assert.Equal("Lovelace", session.GetAnswer("family"));
    }

    [Fact]
    [TwinOf(typeof(CorpusResponseTests), nameof(CorpusResponseTests.ItemsUnderRepeatingChoiceResponse_ReadsBack_NestedAnswers))]
    public void RepeatingChoiceChildrenResponse_ReadsBack_TheAnswersUnderEachAnswer()
    {
        var (read, session) = Answer("repeating-choice-children.json", "repeating-choice-children.response.json");
        // Asked once in the engine: the second severity, and the second reading, are reported.
        Assert.Equal(["HE4013", "HE4013"], read.Diagnostics.Select(d => d.Code));
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.Equal(["back", "knee"], Assert.IsType<string[]>(session.GetAnswer("sites")));
        Assert.Equal(6m, session.GetAnswer("sites/severity"));
        Assert.Equal("worse at night", session.GetAnswer("sites/note"));
        Assert.Equal(120m, session.GetAnswer("readings"));
        Assert.Contains("sites/severity", result.Enabled);
    }

    [Fact]
    [TwinOf(typeof(CorpusResponseTests), nameof(CorpusResponseTests.SmartFormsBloodPressureResponse_ReadsBack_ImplausibleValuesKept))]
    public void BpQuantityResponse_ReadsBack_ImplausibleValuesKept()
    {
        var (read, session) = Answer("bp-quantity.json", "bp-quantity.response.json");
        Assert.Empty(read.Diagnostics);
        Assert.Empty(session.Result().Errors);
        // 18/9 mmHg: implausible, but the questionnaire sets no range, so it is taken as given.
        Assert.Equal(18m, session.GetAnswer("systolic"));
        Assert.Equal(9m, session.GetAnswer("diastolic"));
    }

    [Fact]
    [TwinOf(typeof(CorpusResponseTests), nameof(CorpusResponseTests.SmartFormsNonConformingResponse_ReportsEveryMismatch))]
    public void BpQuantityWrongResponse_ReportsItsUnknownGroup()
    {
        var q = TestFiles.LoadFixture("bp-quantity.json").Compiled!;
        var path = TestFiles.Fixture("bp-quantity.wrong-response.json");
        var read = FhirResponseReader.Read(path, File.ReadAllText(path), q);
        Assert.True(read.HasErrors);
        var error = Assert.Single(read.Diagnostics);
        Assert.Equal("HE4013", error.Code);
        Assert.Contains("'reading'", error.Message, StringComparison.Ordinal);
        Assert.Equal((7, 7), (error.Span.Line, error.Span.Column));
        Assert.Equal("{}", read.AnswersJson);
    }
}
