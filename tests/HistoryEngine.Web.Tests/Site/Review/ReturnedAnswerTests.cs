using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Features.Journey;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>Issue 15 point 6: a submission returned to the patient is not a dead end. The patient sees the GP's
/// question on their home page, answers it in the questionnaire with their earlier answers filled in, and the GP sees
/// the two submissions linked.</summary>
[Collection(SharedSite.Collection)]
public class ReturnedAnswerTests(SharedSite site)
{
    private const string Question = "Which arm did you use? Please take two more readings on the other arm.";

    private static async Task<HttpResponseMessage> ReturnAsync(ReviewSite r, Submission s, string message, params string[] pages)
    {
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        return await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Return", page,
            [("message", message), .. pages.Select(p => ("page", p))]);
    }

    private static string AnswerUrl(ReviewSite r, Submission s) => $"/Submissions/{r.Patient.Id}/{s.Id}?handler=Answer";

    [Fact]
    public async Task ReturnedWithPages_ThePatientAnswersFromHome_AtThosePages_Prefilled_AndTheNewSubmissionIsLinkedBothWays()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp("My own words <b>here</b>"));
        Assert.Equal(HttpStatusCode.Redirect, (await ReturnAsync(r, s, Question, "sitting", "medicines")).StatusCode);
        Assert.Equal(["sitting", "medicines"], (await r.Site.Store.GetSubmissionAsync(s.Id))!.ReturnedPages);

        var patient = await r.PatientClientAsync();
        var (_, home) = await ReviewSite.GetAsync(patient, "/Patient");
        Assert.Contains("Your practice has a question", home);
        Assert.Contains("Which arm did you use? Please take two more readings on the other arm.", home);
        Assert.Contains("Answer the question", home);
        Assert.Contains($"action=\"{AnswerUrl(r, s)}\"", home);
        // The questionnaire asked for again is the question's own button, not a second way in to a blank draft.
        Assert.DoesNotContain("Please fill this in by", home);

        var started = await ReviewSite.PostAsync(patient, AnswerUrl(r, s), home);
        var again = await ReviewSite.PostAsync(patient, AnswerUrl(r, s), home);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/Journey/{r.Patient.Id}/test-bp/page/sitting", started.Headers.Location!.OriginalString);
        Assert.Equal(started.Headers.Location, again.Headers.Location);
        var draft = Assert.Single(await r.Site.Store.ListDraftsAsync(r.Patient.Id));
        Assert.Equal((s.Id, 1L), (draft.RepliesTo, draft.Revision));
        Assert.Equal(JsonDocument.Parse(s.AnswersJson).RootElement.ToString(), JsonDocument.Parse(draft.AnswersJson).RootElement.ToString());
        Assert.Single(await r.AuditAsync(), e => e.Action == SentModel.AnswerStarted && e.Details!.Contains(s.Reference));
        // Answered from the home page, the practice's message asking it counts as read.
        Assert.All(await r.Site.Store.ListMessagesAsync(r.Patient.Id), m => Assert.NotNull(m.ReadAt));

        // The page the GP asked about shows the earlier readings, filled in.
        var (_, sitting) = await ReviewSite.GetAsync(patient, started.Headers.Location.OriginalString);
        Assert.Contains("182 mmHg", sitting);
        (_, home) = await ReviewSite.GetAsync(patient, "/Patient");
        Assert.Contains("Carry on answering", home);

        // Sent from the check page: the new submission names the returned one.
        var driver = new JourneyDriver(patient);
        await driver.GetAsync($"/Journey/{r.Patient.Id}/test-bp/check");
        var sent = await driver.PostAsync($"/Journey/{r.Patient.Id}/test-bp/check", ("draftKey", JourneyDriver.Hidden(driver.Html, "draftKey")!));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var reply = (await r.Site.Store.ListSubmissionsForPatientAsync(r.Patient.Id)).Single(x => x.Id != s.Id);
        Assert.Equal(s.Id, reply.RepliesTo);
        // Its confirmation names the answers it replies to, with a link to them.
        var (_, replySent) = await ReviewSite.GetAsync(patient, sent.Headers.Location!.OriginalString);
        Assert.Contains($"(<a href=\"{JourneyUrlsSent(r, s)}\">reference {s.Reference}</a>)", replySent);
        Assert.Equal("My own words <b>here</b>", JsonDocument.Parse(reply.AnswersJson).RootElement.GetProperty("comments").GetString());
        Assert.Contains(await r.AuditAsync(), e => e.Action == "submission.sent" && e.Details!.Contains($"answers {s.Id}"));

        // The GP: the new one says what it answers and links back; the old one links to the new one.
        var (_, newPage) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(reply));
        Assert.Contains("This submission answers the question the practice asked", newPage);
        Assert.Contains(Question, newPage);
        Assert.Contains($"href=\"/Clinician/Submission/{s.Id}\"", newPage);
        var (_, oldPage) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        Assert.Contains("who has answered", oldPage);
        Assert.Contains($"href=\"/Clinician/Submission/{reply.Id}\"", oldPage);

        // The patient: the question is answered, on the home page and on the old confirmation.
        (_, home) = await ReviewSite.GetAsync(patient, "/Patient");
        Assert.DoesNotContain("Your practice has a question", home);
        var (_, oldSent) = await ReviewSite.GetAsync(patient, JourneyUrlsSent(r, s));
        Assert.Contains("you answered it", oldSent);
        Assert.Contains(reply.Reference, oldSent);
        Assert.DoesNotContain("working days", oldSent);
        // Answering again after it was sent goes to the answer, and makes no new draft.
        var late = await ReviewSite.PostAsync(patient, AnswerUrl(r, s), home);
        Assert.Equal(JourneyUrlsSent(r, reply), late.Headers.Location!.OriginalString);
        Assert.Empty(await r.Site.Store.ListDraftsAsync(r.Patient.Id));
    }

    private static string JourneyUrlsSent(ReviewSite r, Submission s) => $"/Submissions/{r.Patient.Id}/{s.Id}";

    [Fact]
    public async Task TheReturnedConfirmation_ShowsTheQuestion_NotWorkingDays_AndWithNoPagesNamedTheAnswerGoesToTheCheckPage()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await ReturnAsync(r, s, Question);
        var patient = await r.PatientClientAsync();

        var (status, confirmation) = await ReviewSite.GetAsync(patient, JourneyUrlsSent(r, s));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your practice has a question", confirmation);
        Assert.Contains(Question, confirmation);
        Assert.Contains("Answer the question", confirmation);
        Assert.DoesNotContain("working days", confirmation);
        Assert.Contains("NHS 111 online", confirmation);
        // Opening the question reads the practice's message about it.
        Assert.All(await r.Site.Store.ListMessagesAsync(r.Patient.Id), m => Assert.NotNull(m.ReadAt));
        Assert.Contains(await r.AuditAsync(), e => e.Action == SentModel.QuestionOpened && e.Details == s.Reference);

        var started = await ReviewSite.PostAsync(patient, AnswerUrl(r, s), confirmation);

        Assert.Equal($"/Journey/{r.Patient.Id}/test-bp/check", started.Headers.Location!.OriginalString);
        var (_, start) = await ReviewSite.GetAsync(patient, $"/Journey/{r.Patient.Id}/test-bp");
        Assert.Contains("You are answering your practice's question", start);
        Assert.Contains(Question, start);
    }

    [Fact]
    public async Task ReturnNamingAPageTheQuestionnaireDoesNotHave_IsRefused_AndNothingChanges()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var response = await ReturnAsync(r, s, Question, "sitting", "no-such-page");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Choose only pages from the list", html);
        Assert.Contains(Question, html); // the message is kept for the clinician to put right
        Assert.Equal(SubmissionStatus.New, (await r.Site.Store.GetSubmissionAsync(s.Id))!.Status);
        Assert.Empty(await r.Site.Store.ListMessagesAsync(r.Patient.Id));
    }

    [Fact]
    public async Task TheReturnForm_OffersThePagesThePatientWasShown()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        Assert.Contains("Which pages should they look at again? (optional)", page);
        Assert.Contains("value=\"sitting\"", page);
        Assert.Contains("Your readings", page);
        Assert.Contains("value=\"standing\"", page);
    }

    [Fact]
    public async Task AnsweringAnotherPatientsReturnedSubmission_IsNotFound_AndMakesNoDraft()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await ReturnAsync(r, s, Question);
        var (other, _) = await r.Site.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("other"));
        var (_, otherHome) = await ReviewSite.GetAsync(other, "/Patient");

        var mine = await ReviewSite.PostAsync(other, AnswerUrl(r, s), otherHome);

        Assert.Equal(HttpStatusCode.NotFound, mine.StatusCode);
        Assert.Empty(await r.Site.Store.ListDraftsAsync(r.Patient.Id));
    }

    [Fact]
    public async Task ADraftStartedBeforeTheAnswer_IsKeptWithThePatientsLatestWords_AndLinked()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp("first words"));
        await ReturnAsync(r, s, Question, "about-you");
        var bp = r.Site.Services.GetRequiredService<QuestionnaireCatalog>().Get("test-bp")!;
        await r.Site.Store.SaveDraftAsync(new DraftChange(r.Patient.Id, QuestionnaireCatalog.RefTo(bp), """{"comments":"newer words"}""", r.Patient.Id), 0);
        var patient = await r.PatientClientAsync();
        var (_, home) = await ReviewSite.GetAsync(patient, "/Patient");

        var started = await ReviewSite.PostAsync(patient, AnswerUrl(r, s), home);

        Assert.Equal($"/Journey/{r.Patient.Id}/test-bp/page/about-you", started.Headers.Location!.OriginalString);
        var draft = Assert.Single(await r.Site.Store.ListDraftsAsync(r.Patient.Id));
        Assert.Equal(s.Id, draft.RepliesTo);
        Assert.Contains("newer words", draft.AnswersJson);
    }

    [Fact]
    public async Task AQuestionnaireChangedSinceIt_CarriesOverWhatStillFits_AndShowsThePatientWhatDidNot()
    {
        using var r = await ReviewSite.StartAsync(site);
        // The earlier version had one more question; its answer cannot go into today's version.
        var folder = TestPaths.Questionnaires;
        var main = File.ReadAllText(Path.Combine(folder, "test-bp.yaml"))
            .Replace("version: 1.0.0", "version: 0.9.0", StringComparison.Ordinal)
            .Replace("  - id: comments\n", "  - id: cuff_size\n    type: text\n    review_only: An earlier test question, removed since.\n"
                + "    text: What size is your cuff?\n  - id: comments\n", StringComparison.Ordinal)
            .Replace("items: [comments]}", "items: [cuff_size, comments]}", StringComparison.Ordinal);
        var module = File.ReadAllText(Path.Combine(folder, "modules", "test-bp-symptoms.yaml"));
        var older = HistoryEngine.QuestionnaireFile.FromSources([new("test-bp.yaml", main), new("modules/test-bp-symptoms.yaml", module)]);
        Assert.True(older.Compiled is not null, string.Join("\n", older.Diagnostics));
        var v09 = older.Compiled!;
        await r.Site.Store.ArchiveQuestionnaireAsync(v09.Hash, v09.Id, v09.Version,
            [new QuestionnaireSourceFile("test-bp.yaml", main), new QuestionnaireSourceFile("modules/test-bp-symptoms.yaml", module)]);
        var answers = JsonDocument.Parse(ReviewSite.SevereBp("kept words")).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => (object)p.Value);
        answers["cuff_size"] = "Large, the blue one";
        var s = await r.Site.Store.AddSubmissionAsync(new NewSubmission(r.Patient.Id, r.Patient.Id, QuestionnaireCatalog.RefTo(v09),
            JsonSerializer.Serialize(answers), """{"flags":[]}""", FlagLevel.None));
        await ReturnAsync(r, s, Question, "about-you");
        var patient = await r.PatientClientAsync();
        var (_, home) = await ReviewSite.GetAsync(patient, "/Patient");

        var started = await ReviewSite.PostAsync(patient, AnswerUrl(r, s), home);

        // The start page comes first, to show what could not be filled in; its Continue goes to the GP's page.
        Assert.Equal($"/Journey/{r.Patient.Id}/test-bp", started.Headers.Location!.OriginalString);
        var draft = Assert.Single(await r.Site.Store.ListDraftsAsync(r.Patient.Id));
        var current = r.Site.Services.GetRequiredService<QuestionnaireCatalog>().Get("test-bp")!;
        Assert.Equal(current.Hash, draft.Questionnaire.ContentHash);
        Assert.DoesNotContain("cuff_size", draft.AnswersJson);
        Assert.Contains("kept words", draft.AnswersJson);
        var (_, start) = await ReviewSite.GetAsync(patient, started.Headers.Location.OriginalString);
        Assert.Contains("Some earlier answers were not filled in", start);
        Assert.Contains("What size is your cuff?", start);
        Assert.Contains("Large, the blue one", start);
        Assert.Contains($"href=\"/Journey/{r.Patient.Id}/test-bp/page/about-you\"", start);
    }

    [Fact]
    public async Task AReturnedDiary_IsAnsweredOnTheDiaryPage_WithTheEarlierReadings()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary());
        await ReturnAsync(r, s, "Please add two more days of readings.");
        var patient = await r.PatientClientAsync();
        var (_, home) = await ReviewSite.GetAsync(patient, "/Patient");

        var started = await ReviewSite.PostAsync(patient, AnswerUrl(r, s), home);

        Assert.Equal($"/Diary/{r.Patient.Id}", started.Headers.Location!.OriginalString);
        var draft = Assert.Single(await r.Site.Store.ListDraftsAsync(r.Patient.Id));
        Assert.Equal(("home-bp-diary", s.Id), (draft.Questionnaire.Id, draft.RepliesTo));
        Assert.Equal(14, JsonDocument.Parse(draft.AnswersJson).RootElement.GetProperty("readings").GetArrayLength());
    }

    [Fact]
    public async Task ACarerWhoMayFillIn_SeesTheQuestion_AndAnswersIt_ButTheMessageStaysUnreadForThePatient()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await ReturnAsync(r, s, Question, "sitting");
        var (carer, carerPerson) = await r.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("carer"));
        await r.Site.Store.AddProxyGrantAsync(r.Patient.Id, carerPerson.Id, canFill: true, canViewRecord: false);
        var (_, home) = await ReviewSite.GetAsync(carer, $"/Home/{r.Patient.Id}");
        Assert.Contains(Question, home);

        var started = await ReviewSite.PostAsync(carer, AnswerUrl(r, s), home);

        Assert.Equal($"/Journey/{r.Patient.Id}/test-bp/page/sitting", started.Headers.Location!.OriginalString);
        var draft = Assert.Single(await r.Site.Store.ListDraftsAsync(r.Patient.Id));
        Assert.Equal((s.Id, carerPerson.Id), (draft.RepliesTo, draft.UpdatedBy));
        Assert.Contains(await r.AuditAsync(), e => e.Action == SentModel.AnswerStarted && e.ActorId == carerPerson.Id);
        Assert.All(await r.Site.Store.ListMessagesAsync(r.Patient.Id), m => Assert.Null(m.ReadAt));
    }
}
