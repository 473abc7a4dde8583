using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

public class QueueTests
{
    [Fact]
    public async Task Queue_OrdersByFlagThenLongestWaiting_CountsPerLevel_AndFilters()
    {
        using var r = await ReviewSite.StartAsync();
        var calm = await r.SubmitAsync("home-bp-diary", r.Diary(120, 75));
        r.Site.Clock.Advance(TimeSpan.FromMinutes(5));
        var urgentLater = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var soon = await r.SubmitAsync("home-bp-diary", r.Diary(150, 95));
        var bea = await r.Site.AddPersonAsync(Role.Patient, "bea");
        r.Site.Clock.Advance(TimeSpan.FromMinutes(5));
        var urgentBea = await r.SubmitAsync("test-bp", ReviewSite.SevereBp(), patientId: bea.Id);

        var (_, all) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");
        var (_, urgentOnly) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician?level=Urgent");
        var (_, diaries) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician?questionnaire=home-bp-diary");
        var (_, beaOnly) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician?patient=bea");
        var (_, filedOnly) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician?status=Filed");

        int At(string html, Submission s) => html.IndexOf(s.Reference, StringComparison.Ordinal);
        Assert.True(At(all, urgentLater) < At(all, urgentBea));
        Assert.True(At(all, urgentBea) < At(all, soon));
        Assert.True(At(all, soon) < At(all, calm));
        Assert.Matches(@"Urgent</strong>\s*2</a>", all);
        Assert.Matches(@"Soon</strong>\s*1</a>", all);
        Assert.Matches(@"No flag</strong>\s*1</a>", all);
        Assert.True(At(urgentOnly, soon) < 0 && At(urgentOnly, urgentBea) > 0);
        Assert.True(At(diaries, urgentLater) < 0 && At(diaries, calm) > 0);
        Assert.True(At(beaOnly, urgentLater) < 0 && At(beaOnly, urgentBea) > 0);
        Assert.Contains("There is nothing waiting for review with these filters", filedOnly);
    }

    [Fact]
    public async Task Queue_SaysWhatIsNewSinceThisClinicianLastLooked()
    {
        using var r = await ReviewSite.StartAsync();
        await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, firstLook) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");
        r.Site.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        r.Site.Clock.Advance(TimeSpan.FromMinutes(5));

        var (_, secondLook) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");

        Assert.Contains("This is your first look at the queue", firstLook);
        Assert.Contains("<strong>1 new</strong> since you last looked", secondLook);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(secondLook, "New to you"));
        Assert.Contains(later.Reference, secondLook);
        Assert.Contains(await r.Site.Store.SearchAuditAsync(new AuditQuery(null, r.Clinician.Id, null, null)),
            e => e.Action == ReviewAudit.QueueViewed);
    }
}
