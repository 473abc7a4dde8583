using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// Issue 12 point 2 (hazard H15, "urgent flag dismissed without action"): closing any submission needs a reason;
/// closing an emergency or urgent one also needs how the flag was dealt with and an explicit confirmation. A refused
/// close says why next to each field and in the error summary, and changes nothing; an accepted one keeps the
/// reason and the confirmation in the status history and the audit trail.
/// </summary>
[Collection(SharedSite.Collection)]
public sealed class CloseTests(SharedSite site)
{
    private const string EmergencyHistory = """
        {"who": "patient", "date_of_birth": "1970-03-27", "urgent_now": ["chest-pain", "breathing"]}
        """;

    private static async Task<HttpResponseMessage> CloseAsync(ReviewSite r, Submission s, params (string Name, string Value)[] fields)
    {
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        return await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Close", page, fields);
    }

    private static async Task AssertUnchangedAsync(ReviewSite r, Submission s)
    {
        var now = (await r.Site.Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal(SubmissionStatus.New, now.Status);
        Assert.DoesNotContain(await r.AuditAsync(), e => e.Action == ReviewAudit.StatusChanged && e.Details?.Contains("-> Closed") == true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Close_WithoutAReason_IsRefused_WithTheMessageNextToTheFieldAndInTheSummary(string reason)
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary()); // a "soon" flag: no confirmation asked

        var response = await CloseAsync(r, s, ("reason", reason), ("message", "We will call you"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#close-reason\">Enter why you are closing this submission without filing</a>", html);
        Assert.Contains("id=\"close-reason-error\"", html);
        Assert.Contains("<title>Error:", html);
        Assert.DoesNotContain("name=\"confirm\"", html);
        await AssertUnchangedAsync(r, s);
        Assert.Empty(await r.Site.Store.ListMessagesAsync(r.Patient.Id));
    }

    [Fact]
    public async Task Close_ARoutineSubmission_WithAReason_IsClosed_AndTheReasonIsInTheHistoryAndTheAudit()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary());

        var response = await CloseAsync(r, s, ("reason", "Sent twice: see the earlier one"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var now = (await r.Site.Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal((SubmissionStatus.Closed, "Sent twice: see the earlier one"), (now.Status, now.History[^1].Note));
        Assert.Contains(await r.AuditAsync(), e => e.Action == ReviewAudit.StatusChanged
            && e.Details == $"{s.Reference} New -> Closed: Sent twice: see the earlier one");
    }

    [Fact]
    public async Task Close_AnUrgentSubmission_WithAReasonButNoConfirmation_IsRefused_AndSaysWhatIsMissing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        Assert.Equal(FlagLevel.Urgent, s.HighestFlag);

        var reasonOnly = await CloseAsync(r, s, ("reason", "Spoke to her"));
        var noWay = await CloseAsync(r, s, ("reason", "Spoke to her"), ("confirm", "yes"));
        var notConfirmed = await CloseAsync(r, s, ("reason", "Spoke to her"), ("dealtWith", "spoke"));
        var madeUpWay = await CloseAsync(r, s, ("reason", "Spoke to her"), ("dealtWith", "ignored"), ("confirm", "yes"));

        Assert.All(new[] { reasonOnly, noWay, notConfirmed, madeUpWay }, x => Assert.Equal(HttpStatusCode.BadRequest, x.StatusCode));
        var html = await reasonOnly.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#close-dealt-with\">Select how the urgent flag was dealt with</a>", html);
        Assert.Contains("<a href=\"#close-confirm\">Confirm that you have dealt with the urgent flag</a>", html);
        Assert.Contains("id=\"close-dealt-with-error\"", html);
        Assert.Contains("id=\"close-confirm-error\"", html);
        Assert.Contains("value=\"Spoke to her\"", html); // what the GP typed is kept
        var noWayHtml = await noWay.Content.ReadAsStringAsync();
        Assert.Contains("Select how the urgent flag was dealt with", noWayHtml);
        Assert.DoesNotContain("id=\"close-confirm-error\"", noWayHtml);
        Assert.Contains("Confirm that you have dealt with the urgent flag", await notConfirmed.Content.ReadAsStringAsync());
        Assert.Contains("Select how the urgent flag was dealt with", await madeUpWay.Content.ReadAsStringAsync());
        await AssertUnchangedAsync(r, s);
    }

    [Fact]
    public async Task Close_AnUrgentSubmission_WithAReasonAWayAndTheConfirmation_IsClosed_AndAllAreInTheHistoryAndTheAudit()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, before) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        Assert.Contains("How was the urgent flag dealt with?", before);
        Assert.Contains("I have dealt with the urgent flag", before);

        var response = await CloseAsync(r, s, ("reason", "Rang her, BP repeated at 150/90 in clinic today."),
            ("dealtWith", "seen"), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var note = "Rang her, BP repeated at 150/90 in clinic today. Urgent flag dealt with (confirmed): "
                   + "The patient has been seen (here, out of hours, by 111 or in A&E).";
        var now = (await r.Site.Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal((SubmissionStatus.Closed, note, r.Clinician.Id), (now.Status, now.History[^1].Note, now.History[^1].ById));
        Assert.Contains(await r.AuditAsync(), e => e.Action == ReviewAudit.StatusChanged && e.ActorId == r.Clinician.Id
            && e.Details == $"{s.Reference} New -> Closed: {note}");
        Assert.True((await r.Site.Store.VerifyAuditAsync()).IsIntact);
        var (_, after) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(note).Replace("&#x27;", "'"), after.Replace("&#x27;", "'"));
    }

    [Fact]
    public async Task Close_AnEmergencySubmission_NeedsTheConfirmationToo_AndNamesTheFlagAsEmergency()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-history", EmergencyHistory);
        Assert.Equal(FlagLevel.Emergency, s.HighestFlag);

        var refused = await CloseAsync(r, s, ("reason", "Patient called 999"));
        var closed = await CloseAsync(r, s, ("reason", "Patient called 999, admitted"), ("dealtWith", "seen"), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Confirm that you have dealt with the emergency flag", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var now = (await r.Site.Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal(SubmissionStatus.Closed, now.Status);
        Assert.Contains("Emergency flag dealt with (confirmed): The patient has been seen", now.History[^1].Note);
    }
}
