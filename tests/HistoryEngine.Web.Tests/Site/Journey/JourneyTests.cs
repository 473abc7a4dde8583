using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Journey;

[Collection(SharedSite.Collection)]
public class JourneyTests(SharedSite site)
{
    [Fact]
    public async Task BpCheck_AnsweredToTheEnd_IsSentOnceAsAFrozenSnapshot()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync();
        await j.AnswerTheRestAsync();
        await j.Driver.GetAsync(j.Check());
        Assert.Contains("Check your answers", j.Driver.Html);
        Assert.Contains("1 March 2026 at 7:30am", j.Driver.Html);
        var checkPage = j.Driver.Html;
        var form = new[] { ("draftKey", JourneyDriver.Hidden(checkPage, "draftKey")!) };

        var first = await j.Driver.PostAsync(j.Check(), form);
        await j.Driver.GetAsync(j.Check());
        var again = await new JourneyDriver(j.Driver.Client).PostWithPageAsync(j.Check(), checkPage, form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var submission = Assert.Single(await j.Site.Store.ListSubmissionsForPatientAsync(j.Patient.Id));
        Assert.Equal((j.Patient.Id, j.Patient.Id, SubmissionStatus.New, FlagLevel.None),
            (submission.PatientId, submission.AnsweredById, submission.Status, submission.HighestFlag));
        Assert.Equal("test-bp", submission.Questionnaire.Id);
        using var result = JsonDocument.Parse(submission.ResultJson);
        Assert.True(result.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(submission.Questionnaire.ContentHash, result.RootElement.GetProperty("hash").GetString());
        Assert.Equal(145, JsonDocument.Parse(submission.AnswersJson).RootElement.GetProperty("readings").EnumerateArray().Average(r => r.GetProperty("systolic").GetInt32()));
        Assert.Null(await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp"));
        Assert.NotNull(await j.Site.Store.GetArchivedQuestionnaireAsync(submission.Questionnaire.ContentHash));

        await j.Driver.GetAsync(first.Headers.Location!.OriginalString);
        Assert.Contains("Your answers have been sent", j.Driver.Html);
        Assert.Contains(submission.Reference, j.Driver.Html);
        Assert.Contains("What happens next", j.Driver.Html);
    }

    [Fact]
    public async Task Emergency_StopsTheJourney_SaysCall999_AndSendsWhatWasAnsweredFlaggedEmergency()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync(severe: true);

        var response = await j.Driver.AnswerAsync(j.Page("symptoms"), ("symptoms_now.symptoms", "chest-pain"));
        await j.Driver.GetAsync(response.Headers.Location!.OriginalString);

        Assert.StartsWith("/Submissions/", response.Headers.Location!.OriginalString);
        Assert.Contains("Call 999 now", j.Driver.Html);
        Assert.Contains("<a class=\"he-tel\" href=\"tel:999\">Call 999</a> now", j.Driver.Html); // a phone calls it with a tap
        Assert.Contains("(A test emergency: chest pain now.)", j.Driver.Html); // the rule's own words, as Markdown
        // ...without their opening "Call 999 now.", which the heading says (issue 15 point 10: said once).
        Assert.DoesNotContain("<strong>Call 999 now.</strong>", j.Driver.Html);
        var submission = Assert.Single(await j.Site.Store.ListSubmissionsForPatientAsync(j.Patient.Id));
        Assert.Equal(FlagLevel.Emergency, submission.HighestFlag);
        Assert.Contains(submission.Reference, j.Driver.Html);
        Assert.Contains("chest-pain", submission.AnswersJson);
        Assert.Contains("severe-with-symptoms", submission.ResultJson);
        // The journey is over: its pages lead nowhere but the (empty) check page.
        Assert.Null(await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp"));
    }

    [Fact]
    public async Task UrgentFlag_ItsWordsAreShownOnTheNextPage()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync(severe: true);

        await j.Driver.AnswerAsync(j.Page("symptoms"), ("symptoms_now.symptoms", "none"));
        await j.Driver.GetAsync(j.Page("standing"));

        Assert.Contains("One of your readings is very high", j.Driver.Html);
        Assert.Contains("nhsuk-card--care--urgent", j.Driver.Html);
    }

    [Fact]
    public async Task QuestionsThatAppearBecauseOfAnAnswer_AreShownOnTheSamePage_WithoutAnError()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync();
        await j.Driver.AnswerAsync(j.Page("symptoms"), ("symptoms_now.symptoms", "none"));

        var response = await j.Driver.AnswerAsync(j.Page("standing"), ("dizzy_on_standing", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Standing top number", j.Driver.Html);
        Assert.DoesNotContain("There is a problem", j.Driver.Html);
    }

    [Fact]
    public async Task RepeatingGroup_AddChangeAndRemove_WorkWithoutJavaScript()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync();
        await j.Driver.GetAsync(j.Page("sitting"));
        Assert.Contains("?edit=readings%5B1%5D", j.Driver.Html);
        Assert.Contains("?remove=readings%5B1%5D", j.Driver.Html);

        await j.Driver.GetAsync(j.Page("sitting") + "?edit=readings%5B1%5D");
        Assert.Matches("""name="readings\[1\]\.systolic" type="text"\s+value="150" """.TrimEnd(), j.Driver.Html);
        await j.Driver.GetAsync(j.Page("sitting") + "?remove=readings%5B1%5D");
        Assert.Contains("Are you sure you want to remove this?", j.Driver.Html);
        var removed = await j.Driver.PostAsync(j.Page("sitting"), ("remove", "readings[1]"));

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var draft = await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp");
        Assert.Single(JsonDocument.Parse(draft!.AnswersJson).RootElement.GetProperty("readings").EnumerateArray());
        // One reading is too few: Continue explains it next to the list.
        var stay = await j.Driver.AnswerAsync(j.Page("sitting"));
        Assert.Equal(HttpStatusCode.OK, stay.StatusCode);
        Assert.Contains("Add at least 2", j.Driver.Html);
        Assert.Contains("href=\"#q-readings\"", j.Driver.Html);
    }

    [Fact]
    public async Task CheckPage_ListsWhatIsMissing_AndOffersNoSendButton()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync();

        await j.Driver.GetAsync(j.Check());

        Assert.Contains("There is a problem", j.Driver.Html);
        Assert.Contains("Select yes or no: Do you feel dizzy", j.Driver.Html);
        Assert.DoesNotContain("Send to your GP practice", j.Driver.Html);
        Assert.Contains("Change<span class=\"nhsuk-u-visually-hidden\"> When did you take your readings?", j.Driver.Html);
    }
}
