using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

[Collection(SharedSite.Collection)]
public class SubmissionPageTests(SharedSite site)
{
    private readonly string _sam = TestSite.UniqueName("sam");

    [Fact]
    public async Task Open_LeadsWithWhoWhyFlagsAndKeyValues_ThenNarrative_ThenAnswersAsLaidOut_AndVersion()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp("<script>alert(1)</script>"));

        var (status, html) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        Assert.Equal(HttpStatusCode.OK, status);
        // What decides the next action comes first (issue 15): who, their words, the flags and key values; then the
        // narrative; then the answers.
        var who = html.IndexOf("he-who", StringComparison.Ordinal);
        var flags = html.IndexOf(">Flags</h2>", StringComparison.Ordinal);
        var summary = html.IndexOf("<h2>Summary</h2>", StringComparison.Ordinal);
        var answers = html.IndexOf("<h2>Answers</h2>", StringComparison.Ordinal);
        Assert.True(who > 0 && who < flags && flags < summary && summary < answers);
        Assert.Contains("Test reading at or above 180/120 (highest 182/92)", html);
        Assert.Contains("Sources of these flags", html); // sources folded away, still there
        Assert.Contains("Test fixture for the urgent level", html);
        Assert.Contains("Mean sitting systolic", html); // the file's label for a key value
        Assert.Contains("166", html);
        Assert.DoesNotContain("highest_diastolic", html); // the file's workings are not shown
        Assert.DoesNotContain("sitting_systolic", html);
        var words = html.IndexOf("In their words", StringComparison.Ordinal);
        Assert.True(words > 0 && words < flags); // the reason for contact, in the patient's words, first
        Assert.Contains("<h3>Your readings</h3>", html);
        Assert.Contains("Left arm", html); // option display text, not the code
        Assert.Contains("182 mmHg", html); // with its unit
        Assert.Contains("None of these", html); // a pertinent negative is shown
        Assert.Contains(">No</bdi>", html); // boolean no is shown
        Assert.DoesNotContain("Standing top number", html); // not enabled: not shown
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains($"test-bp {s.Questionnaire.Version}", html);
        Assert.Contains("#" + s.Questionnaire.ContentHash[..12], html);
        Assert.Contains("(the patient)", html);
    }

    [Fact]
    public async Task Open_ANewSubmission_AuditsTheView_AndChangesNothing_UntilTheClinicianStartsReviewing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        var (_, html) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        // A GET changes no state: the submission is still new, for every colleague's queue.
        Assert.Equal(SubmissionStatus.New, (await r.Site.Store.GetSubmissionAsync(s.Id))!.Status);
        Assert.Contains("Start reviewing", html);

        var posted = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Review", html);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var now = (await r.Site.Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal(SubmissionStatus.InReview, now.Status);
        Assert.Equal(r.Clinician.Id, now.History[^1].ById);
        var audit = await r.AuditAsync();
        Assert.Equal(2, audit.Count(e => e.Action == ReviewAudit.SubmissionViewed && e.ActorId == r.Clinician.Id && e.Details!.Contains(s.Reference)));
        Assert.Single(audit, e => e.Action == ReviewAudit.StatusChanged && e.Details!.EndsWith("New -> InReview"));
    }

    [Fact]
    public async Task Diary_ShowsAverages_ChartWithTheLines_AndEveryReadingWithTheFirstDayMarked()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary());

        var (_, html) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        Assert.Contains("140/88 mmHg", html);
        Assert.Contains("<svg class=\"he-chart__svg\"", html);
        Assert.Contains("135 systolic", html);
        Assert.Contains("85 diastolic", html);
        Assert.Equal(2, CountOf(html, "First day: set aside"));
        Assert.Equal(12, CountOf(html, ">Yes</td>"));
        Assert.Contains("12 readings over 6 days", html);
    }

    [Fact]
    public async Task AnsweredByACarer_SaysWho()
    {
        using var r = await ReviewSite.StartAsync(site);
        var carer = await r.Site.AddPersonAsync(Role.Proxy, _sam);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp(), answeredBy: carer.Id);

        var (_, html) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        Assert.Contains($"{carer.DisplayName} (carer)", html);
        Assert.Contains($"{carer.DisplayName}, a carer", html);
    }

    [Fact]
    public async Task Open_ShowsOnlyWhatWasAnswered_AndSumsUpTheRestInOneLine()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", """
            {"measured_at": "2026-03-01T07:30", "arm": "left",
             "readings": [{"systolic": 150, "diastolic": 90}, {"systolic": 150, "diastolic": 92}],
             "symptoms_now.symptoms": ["none"], "dizzy_on_standing": false, "new_medicine": false}
            """);

        var (_, html) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        Assert.DoesNotContain("Not answered", html);
        Assert.Contains("1 question asked and not answered", html);
        Assert.DoesNotContain("In their words", html); // nothing to show when the reason question is blank
        Assert.Equal(1, CountOf(html, "Is there anything else you want your GP to know?"));
    }

    [Fact]
    public async Task ForgedOrUnknownSubmissionId_Is404()
    {
        using var r = await ReviewSite.StartAsync(site);

        var (status, _) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician/Submission/not-a-real-id");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private static int CountOf(string html, string text)
    {
        var count = 0;
        for (var i = html.IndexOf(text, StringComparison.Ordinal); i >= 0; i = html.IndexOf(text, i + text.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
