using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Records;

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

    private static string EmergencyBp() => ReviewSite.SevereBp().Replace("""["none"]""", """["chest-pain"]""");

    [Fact]
    public async Task QueueRows_GiveTheTopFlagsReason_AgeAndNhsNumber_TagEmergencyAndUrgentApart_AndLeaveOutTheVersion()
    {
        using var r = await ReviewSite.StartAsync();
        await r.Site.Store.WriteAsync(w => w.UpdatePersonDetails(r.Patient.Id, new PersonDetails(r.Patient.DisplayName, null,
            "07700 900123", Infrastructure.Time.UkTime.Today(r.Site.Clock).AddYears(-54), "9990000018", null)));
        var emergency = await r.SubmitAsync("test-bp", EmergencyBp());
        var urgent = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var (_, html) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");

        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr class=\"nhsuk-table__row\">(.*?)</tr>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value).Where(row => row.Contains("<td")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(emergency.Reference, rows[0]);
        Assert.Contains("nhsuk-tag--red he-tag-emergency\">Emergency", rows[0]);
        Assert.Contains("Test reading 182/92 with Chest pain or tightness.", rows[0]);
        Assert.Contains("nhsuk-tag--orange he-tag-urgent\">Urgent", rows[1]);
        Assert.Contains("Test reading at or above 180/120 (highest 182/92).", rows[1]);
        Assert.All(rows, row => Assert.Contains(", 54</span>", row));
        Assert.All(rows, row => Assert.Contains(">NHS 999 000 0018</span>", row));
        Assert.All(rows, row => Assert.DoesNotContain(urgent.Questionnaire.Version, row));
    }

    [Fact]
    public async Task EveryClinicianPage_SaysHowManyEmergencyAndUrgentWait_AndTheQueueHowLongTheOldestHas()
    {
        using var r = await ReviewSite.StartAsync();
        var (_, none) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician/Patients");
        Assert.Contains("No emergency or urgent submissions are waiting.", none);

        await r.SubmitAsync("test-bp", EmergencyBp());
        r.Site.Clock.Advance(TimeSpan.FromMinutes(3));
        await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var reviewing = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await r.Site.Store.ChangeSubmissionStatusAsync(reviewing.Id, SubmissionStatus.New, SubmissionStatus.InReview, r.Clinician.Id, null);
        var filed = await r.SubmitAsync("test-bp", EmergencyBp());
        await r.Site.Store.FileSubmissionAsync(filed.Id, r.Clinician.Id, []);
        r.Site.Clock.Advance(TimeSpan.FromMinutes(2));

        foreach (var url in new[] { "/Clinician", "/Clinician/Patients", $"/Clinician/Patient/{r.Patient.Id}",
                     $"/Clinician/Submission/{reviewing.Id}", "/Clinician/Register", $"/Clinician/Patient/{r.Patient.Id}/Details" })
        {
            var (status, html) = await ReviewSite.GetAsync(r.ClinicianClient, url);
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            Assert.Contains("Emergency</strong> <span class=\"he-waiting__count\">1</span>", html);
            Assert.Contains("Urgent</strong> <span class=\"he-waiting__count\">2</span>", html);
        }
        var (_, queue) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");
        Assert.Contains("The oldest submission waiting has waited <strong>5 min</strong>.", queue);
    }

    [Fact]
    public async Task QueueFilters_AreFoldedAway_RememberedOnTheNextVisit_AndCleared()
    {
        using var r = await ReviewSite.StartAsync();
        var urgent = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var calm = await r.SubmitAsync("home-bp-diary", r.Diary(120, 75));

        var (_, filtered) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician?level=Urgent&status=waiting");
        var (_, later) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");
        var (_, cleared) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician?clear=true");
        var (_, afterClearing) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");

        Assert.Contains("<details class=\"nhsuk-details he-queue-filters\">", filtered);
        Assert.Contains("Filter the queue (1 applied)", filtered);
        Assert.True(filtered.Contains(urgent.Reference) && !filtered.Contains(calm.Reference));
        Assert.True(later.Contains(urgent.Reference) && !later.Contains(calm.Reference));
        Assert.Contains("Clear filters", later);
        Assert.True(cleared.Contains(urgent.Reference) && cleared.Contains(calm.Reference));
        Assert.True(afterClearing.Contains(urgent.Reference) && afterClearing.Contains(calm.Reference));
        // Another clinician's browser does not share this one's filters.
        var other = await r.Site.SignedInAsync(Role.Clinician, TestSite.UniqueName("drother"));
        await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician?level=Urgent");
        Assert.Contains(calm.Reference, (await ReviewSite.GetAsync(other, "/Clinician")).Html);
    }
}
