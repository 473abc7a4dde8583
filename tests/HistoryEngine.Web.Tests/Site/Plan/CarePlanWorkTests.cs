using System.Net;
using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Site.Journey;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Plan;

/// <summary>
/// Issue 19: what the shipped hypertension care plan asks of the practice. Its flags reach the review queue with their
/// reasons, once per reason, until a clinician marks them reviewed; its yearly review is assigned when due, once,
/// however often the work runs; and the site's background step does it by itself.
/// </summary>
public sealed class CarePlanWorkTests
{
    private const string Snomed = "http://snomed.info/sct";

    private static NewRecordEntry Entry(Person patient, string code, string display, string? value = null, string? unit = null) =>
        new(patient.Id, Snomed, code, display, value, unit, "gp-1", null, "1.0.0");

    private static async Task DiaryAverageAsync(BpJourney j, string systolic, string diastolic)
    {
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "413606001", "Average home systolic blood pressure", systolic, "mm[Hg]"));
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "413605002", "Average home diastolic blood pressure", diastolic, "mm[Hg]"));
    }

    [Fact]
    public async Task TwoDiariesAboveTarget_PutThePatientInTheQueueWithTheReason_OncePerReason_UntilReviewed()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var work = j.Site.Services.GetRequiredService<CarePlanWork>();
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "38341003", "Hypertensive disorder"));
        j.Site.Clock.Advance(TimeSpan.FromDays(10));
        await DiaryAverageAsync(j, "141", "88");
        // One diary above target is a message to the patient, not an alert.
        Assert.Equal(new CarePlanWork.Made(0, 0), await work.SweepAsync(default));
        j.Site.Clock.Advance(TimeSpan.FromDays(30));
        await DiaryAverageAsync(j, "135", "80"); // systolic at the target counts as above (L3)

        Assert.Equal(new CarePlanWork.Made(0, 1), await work.SweepAsync(default));
        Assert.Equal(new CarePlanWork.Made(0, 0), await work.SweepAsync(default)); // the same reason: not again
        Assert.Equal(new CarePlanWork.Made(0, 0), await work.ForPatientAsync(j.Patient.Id, default));

        var gp = await j.Site.SignedInAsync(Role.Clinician, TestSite.UniqueName("gp"));
        var queue = await gp.GetStringAsync("/Clinician");
        Assert.Contains("Care plans needing review (1)", queue);
        Assert.Contains("Two complete home diaries in a row at or above target 135/85: 141/88", queue);
        Assert.Contains(j.Patient.DisplayName, queue);

        var record = $"/Clinician/Patient/{j.Patient.Id}";
        var page = await gp.GetStringAsync(record);
        Assert.Contains("Care plan alerts to review", page);
        var alert = (await j.Site.Store.ListPlanAlertsAsync(j.Patient.Id)).Single();
        var reviewed = await Forms.PostAsync(gp, record + "?handler=ReviewAlert", page, ("alertId", alert.Id));
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.Contains("marked reviewed", await gp.GetStringAsync(reviewed.Headers.Location!.ToString()));
        Assert.DoesNotContain("Care plans needing review", await gp.GetStringAsync("/Clinician"));
        // Marked twice (two clinicians at once): the second is told, nothing changes.
        var again = await Forms.PostAsync(gp, record + "?handler=ReviewAlert", page, ("alertId", alert.Id));
        Assert.Contains("done=alert-already", again.Headers.Location!.ToString());

        // Reviewed, the same reason stays quiet; a third diary above target is a new reason, and a new alert.
        Assert.Equal(new CarePlanWork.Made(0, 0), await work.SweepAsync(default));
        j.Site.Clock.Advance(TimeSpan.FromDays(28));
        await DiaryAverageAsync(j, "150", "95");
        Assert.Equal(new CarePlanWork.Made(0, 1), await work.SweepAsync(default));
        gp = await j.Site.SignedInAsync(Role.Clinician, TestSite.UniqueName("gp")); // the weeks ended the last sign-in
        Assert.Contains("135/80 (", await gp.GetStringAsync("/Clinician"));

        var audit = await j.Site.Store.SearchAuditAsync(new AuditQuery(j.Patient.Id, null, null, null));
        Assert.Equal(2, audit.Count(e => e.Action == CarePlanWork.AlertRaised && e.ActorId == "care-plan:hypertension"));
        Assert.Single(audit, e => e.Action == "care-plan.alert-reviewed" && e.Details!.Contains(alert.Id));
    }

    [Fact]
    public async Task ACorrectionThatPutsADiaryAboveTarget_RaisesTheAlertAtOnce_NotAtTheNextSweep()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "38341003", "Hypertensive disorder"));
        j.Site.Clock.Advance(TimeSpan.FromDays(10));
        await DiaryAverageAsync(j, "141", "88");
        j.Site.Clock.Advance(TimeSpan.FromDays(30));
        await DiaryAverageAsync(j, "130", "80"); // in target: no alert
        var gp = await j.Site.SignedInAsync(Role.Clinician, TestSite.UniqueName("gp"));
        var record = $"/Clinician/Patient/{j.Patient.Id}";
        var page = await gp.GetStringAsync(record);
        Assert.Empty(await j.Site.Store.ListOpenPlanAlertsAsync(10));

        // The second diary's top number was typed wrong: 140, not 130.
        var wrong = (await j.Site.Store.ListRecordEntriesAsync(j.Patient.Id)).Single(e => e.Code == "413606001" && e.Value == "130");
        var corrected = await Forms.PostAsync(gp, record + "?handler=Correct", page,
            ("entryId", wrong.Id), ("value", "140"), ("reason", "typed 130 for 140"));

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var alert = Assert.Single(await j.Site.Store.ListOpenPlanAlertsAsync(10));
        Assert.Contains("141/88", alert.Reason);
        Assert.Contains("140/80", alert.Reason);
    }

    [Fact]
    public async Task TheYearlyReview_IsAssignedWhenDue_Once_AndThePatientIsAskedForIt()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var work = j.Site.Services.GetRequiredService<CarePlanWork>();
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "38341003", "Hypertensive disorder"));
        var started = DateOnly.FromDateTime(j.Site.Clock.GetUtcNow().UtcDateTime);

        // Due 12 months after the start, assigned from 28 days before (local decision L8): 29 days before, nothing.
        var due = started.AddMonths(12);
        j.Site.Clock.Advance(TimeSpan.FromDays(due.DayNumber - started.DayNumber - 29));
        Assert.Equal(new CarePlanWork.Made(0, 0), await work.SweepAsync(default));
        j.Site.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new CarePlanWork.Made(1, 0), await work.SweepAsync(default));
        // Run again, and from two places at once: still one.
        var twice = await Task.WhenAll(work.SweepAsync(default), work.ForPatientAsync(j.Patient.Id, default));
        Assert.All(twice, made => Assert.Equal(0, made.Assignments));

        var assignment = Assert.Single(await j.Site.Store.ListAssignmentsAsync(j.Patient.Id));
        Assert.Equal(("hypertension-review", due, $"hypertension/review/{due:yyyy-MM-dd}"),
            (assignment.QuestionnaireId, assignment.DueDate!.Value, assignment.Key));
        // Signed in again: the months the clock moved on ended the sign-in from before.
        await j.Site.SignInAsync(j.Driver.Client, j.Patient.UserName!, withCode: false);
        var home = await j.Driver.Client.GetStringAsync("/Patient");
        Assert.Contains("Yearly blood pressure review", home);
        var audit = await j.Site.Store.SearchAuditAsync(new AuditQuery(j.Patient.Id, null, null, null));
        Assert.Single(audit, e => e.Action == CarePlanWork.Assigned);
    }

    [Fact]
    public async Task ASubmission_RunsThePlansAtOnce_OnlyWhenAPlanReadsItsQuestionnaire()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var plans = j.Site.Services.GetRequiredService<CarePlanCatalog>();
        // From the plan file: the questionnaires it names as its diary and its review, and no other.
        Assert.True(plans.ReadsSubmissionsOf("home-bp-diary"));
        Assert.True(plans.ReadsSubmissionsOf("hypertension-review"));
        Assert.False(plans.ReadsSubmissionsOf("bp-check"));

        var work = j.Site.Services.GetRequiredService<CarePlanWork>();
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "38341003", "Hypertensive disorder"));
        var started = DateOnly.FromDateTime(j.Site.Clock.GetUtcNow().UtcDateTime);
        // The yearly review comes due with time (assigned from 28 days before, local decision L8).
        j.Site.Clock.Advance(TimeSpan.FromDays(started.AddMonths(12).DayNumber - started.DayNumber - 28));

        // A questionnaire no plan reads changes no plan: what time brought due is left to the sweep.
        await work.AfterSubmissionAsync(j.Patient.Id, "bp-check", default);
        Assert.Empty(await j.Site.Store.ListAssignmentsAsync(j.Patient.Id));
        // A diary the plan reads runs it at once.
        await work.AfterSubmissionAsync(j.Patient.Id, "home-bp-diary", default);
        Assert.Equal("hypertension-review", Assert.Single(await j.Site.Store.ListAssignmentsAsync(j.Patient.Id)).QuestionnaireId);
    }

    [Fact]
    public async Task AnUrgentDiarySent_PutsThePatientInTheQueueAtOnce()
    {
        using var d = await DiaryPage.StartAsync(new TestSite { QuestionnairesPath = TestPaths.ShippedQuestionnaires });
        await d.Site.Store.AddRecordEntryAsync(Entry(d.Patient, "38341003", "Hypertensive disorder"));
        await d.AddAsync(d.DaysAgo(1), "07:30", "186", "112");
        await d.Driver.GetAsync(d.Url);

        // Chest pain with a very high reading stops the diary and sends it, flagged emergency.
        var sent = await d.Driver.PostAsync(d.Url + "?handler=FollowUp", ("shown", "high_symptoms"), ("high_symptoms", "chest-pain"));
        Assert.StartsWith("/Submissions/", sent.Headers.Location!.OriginalString);

        // No sweep ran: the send itself raised the plan's alert.
        var alert = Assert.Single(await d.Site.Store.ListOpenPlanAlertsAsync(10));
        Assert.Equal((d.Patient.Id, "diary-flagged-urgent", FlagLevel.Urgent), (alert.PatientId, alert.Rule, alert.Level));
    }

    [Fact]
    public async Task TheBackgroundStep_RaisesTheAlert_WithoutAnyoneAsking()
    {
        using var site = new TestSite
        {
            QuestionnairesPath = TestPaths.ShippedQuestionnaires,
            Settings = new Dictionary<string, string> { ["CarePlans:SweepDelay"] = "00:00:00.2", ["CarePlans:SweepEvery"] = "00:00:00.5" },
        };
        var patient = await site.AddPersonAsync(Role.Patient, TestSite.UniqueName("pat"));
        await site.Store.AddRecordEntryAsync(new NewRecordEntry(patient.Id, Snomed, "38341003", "Hypertensive disorder", null, null, "gp-1", null, "1.0.0"));
        foreach (var (systolic, diastolic, days) in new[] { ("150", "90", 10), ("152", "91", 30) })
        {
            site.Clock.Advance(TimeSpan.FromDays(days));
            await site.Store.AddRecordEntryAsync(new NewRecordEntry(patient.Id, Snomed, "413606001", "Average home systolic blood pressure", systolic, "mm[Hg]", "gp-1", null, "1.0.0"));
            await site.Store.AddRecordEntryAsync(new NewRecordEntry(patient.Id, Snomed, "413605002", "Average home diastolic blood pressure", diastolic, "mm[Hg]", "gp-1", null, "1.0.0"));
        }

        // Polled, not timed: the step runs every half second; it has a generous minute to get there.
        var until = DateTime.UtcNow.AddMinutes(1);
        IReadOnlyList<PlanAlert> alerts = [];
        while (DateTime.UtcNow < until && alerts.Count == 0)
        {
            await Task.Delay(200);
            alerts = await site.Store.ListOpenPlanAlertsAsync(10);
        }
        var alert = Assert.Single(alerts);
        Assert.Equal((patient.Id, "above-target-twice", FlagLevel.Soon), (alert.PatientId, alert.Rule, alert.Level));
    }
}
