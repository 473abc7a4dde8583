using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir.Tests.Corpus;

/// <summary>
/// Every QuestionnaireResponse in the corpus reads back as answers to its questionnaire, and gives the enabled items
/// and calculated values its authors intended; where a stored total disagrees with its answers, the test says so.
/// </summary>
public sealed class CorpusResponseTests
{
    private static (CompiledQuestionnaire Q, FhirResponseAnswers Read, Session Session) Answer(string questionnaire, string response)
    {
        var file = QuestionnaireFile.Load(TestFiles.CorpusFile(questionnaire));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        var path = TestFiles.CorpusFile(response);
        var read = FhirResponseReader.Read(path, File.ReadAllText(path), file.Compiled!);
        return (file.Compiled!, read, TestFiles.Session(file.Compiled!, read.AnswersJson));
    }

    [SkippableFact]
    public void SdcPhq9Response_TotalIsTenFromItsAnswers_NotTheThirteenItStores()
    {
        var (_, read, session) = Answer("sdc-questionnaire-sdc-profile-example-PHQ9.json", "sdc-questionnaireresponse-sdc-profile-example-PHQ9.json");
        Assert.False(read.HasErrors, TestFiles.Codes(read.Diagnostics));
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.Equal("Several-days", session.GetAnswer("H1/T1/Q9"));
        // The response stores 13, but its nine answers add up to 0+0+0+1+2+1+3+2+1 = 10: the stored total is wrong.
        Assert.Equal(13m, read.StoredCalculated["H1/TS"]);
        Assert.Equal(10m, session.GetAnswer("H1/TS"));
    }

    [SkippableFact]
    public void CardiologyResponse_ReadsBack_AllLinkIdsKnown_CanonicalDiffers()
    {
        var (_, read, session) = Answer("sdc-Questionnaire-CardiologyForm.json", "sdc-QuestionnaireResponse-Cardiology-MariaSantos.json");
        Assert.False(read.HasErrors, TestFiles.Codes(read.Diagnostics));
        // The response names http://hl7.org/fhir/uv/sdc/Questionnaire/CardiologyForm; the form's url is a urn:uuid, but its id matches.
        Assert.DoesNotContain(read.Diagnostics, d => d.Code == "HE4056");
        var result = session.Result();
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => $"{e.Path} {e.Code} {e.Message}")));
        using var answers = System.Text.Json.JsonDocument.Parse(read.AnswersJson);
        Assert.True(answers.RootElement.EnumerateObject().Count() >= 20, read.AnswersJson);
        foreach (var key in answers.RootElement.EnumerateObject().Select(p => p.Name))
            Assert.True(result.Enabled.Contains(key), $"'{key}' is answered but not enabled");
    }

    [SkippableFact]
    public void ReadOnlyRepeatingResponse_ReadsBack_FirstAnswerOfEachRepeatingString()
    {
        var (_, read, session) = Answer("lforms-q-with-readonly-repeating-items.json", "lforms-qr-with-readonly-repeating-items.json");
        // Several answers to a repeating string question: the engine keeps one, and says so.
        Assert.All(read.Diagnostics, d => Assert.Equal("HE4013", d.Code));
        Assert.NotEmpty(read.Diagnostics);
        Assert.Empty(session.Result().Errors);
        Assert.NotNull(session.GetAnswer("q1"));
    }

    [SkippableFact]
    public void ItemsUnderRepeatingChoiceResponse_ReadsBack_NestedAnswers()
    {
        var (_, read, session) = Answer("lforms-q-items-under-repeating-choice-item.json", "lforms-qr-items-under-repeating-choice-item.json");
        Assert.All(read.Diagnostics, d => Assert.Equal("HE4013", d.Code));
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.IsType<string[]>(session.GetAnswer("/choice"));
        Assert.Contains("/choice/int", result.Enabled);
    }

    [SkippableFact]
    public void SmartFormsBloodPressureResponse_ReadsBack_ImplausibleValuesKept()
    {
        var (_, read, session) = Answer("smart-forms-blood-pressure-questionnaire.json", "smart-forms-blood-pressure-questionnaireResponse.json");
        Assert.False(read.HasErrors, TestFiles.Codes(read.Diagnostics));
        var result = session.Result();
        Assert.Empty(result.Errors);
        var answers = result.AnswersJson;
        // 18/9 mmHg: physiologically implausible, but the questionnaire sets no range, so it is taken as given.
        Assert.Contains("18", answers);
        Assert.Contains("9", answers);
    }

    [SkippableFact]
    public void SmartFormsNonConformingResponse_ReportsEveryMismatch()
    {
        var file = QuestionnaireFile.Load(TestFiles.CorpusFile("smart-forms-blood-pressure-questionnaire.json"));
        var path = TestFiles.CorpusFile("smart-forms-blood-pressure-questionnaire-response.json");
        var read = FhirResponseReader.Read(path, File.ReadAllText(path), file.Compiled!);
        Assert.True(read.HasErrors);
        // The wrapping group 'blood-pressure' is not in the questionnaire.
        Assert.Contains(read.Diagnostics, d => d.Code == "HE4013" && d.Message.Contains("blood-pressure", StringComparison.Ordinal));
        Assert.All(read.Diagnostics, d => Assert.True(d.Span.Line > 0));
    }
}
