using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

[Collection(SharedSite.Collection)]
public class PatientRecordTests(SharedSite site)
{
    private static string Url(Person p) => $"/Clinician/Patient/{p.Id}";

    /// <summary>A severe blood pressure check filed with its systolic of 166, and the patient's record page after.</summary>
    private static async Task<(RecordEntry Filed, string Page)> FiledSystolicAsync(ReviewSite r)
    {
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await r.FileAsync(s, ("accept", "0"), ("value-0", "166"));
        var filed = Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, Url(r.Patient));
        return (filed, page);
    }

    [Fact]
    public async Task Record_ShowsTheTimeline_AndTheHomeTrendAcrossDiaries_AsChartAndTable_AndIsAudited()
    {
        using var r = await ReviewSite.StartAsync(site);
        var first = await r.SubmitAsync("home-bp-diary", r.Diary(150, 95));
        await r.FileAsync(first, ("accept", "0"), ("accept", "1"), ("value-0", "150"), ("value-1", "95"));
        r.Site.Clock.Advance(TimeSpan.FromDays(30));
        await r.SignInAgainAsync();
        var second = await r.SubmitAsync("home-bp-diary", r.Diary(138, 84));
        await r.FileAsync(second, ("accept", "0"), ("accept", "1"), ("value-0", "138"), ("value-1", "84"));

        var (status, html) = await ReviewSite.GetAsync(r.ClinicianClient, Url(r.Patient));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<svg class=\"he-chart__svg\"", html);
        Assert.Contains("Filed home averages, one per diary", html);
        Assert.True(html.IndexOf(">150<", StringComparison.Ordinal) < html.IndexOf(">138<", StringComparison.Ordinal));
        Assert.Contains(first.Reference, html);
        Assert.Contains(second.Reference, html);
        Assert.Contains("Average home systolic blood pressure", html);
        Assert.Contains(await r.AuditAsync(), e => e.Action == ReviewAudit.RecordViewed && e.ActorId == r.Clinician.Id);
    }

    [Fact]
    public async Task Correct_AFiledEntry_AddsANewEntryThatSupersedesIt_BothStayVisibleWithWhoAndWhen()
    {
        using var r = await ReviewSite.StartAsync(site);
        var (filed, page) = await FiledSystolicAsync(r);

        var corrected = await ReviewSite.PostAsync(r.ClinicianClient, Url(r.Patient) + "?handler=Correct", page,
            ("entryId", filed.Id), ("value", "164"), ("reason", "Typed from the wrong reading"));
        var replay = await ReviewSite.PostAsync(r.ClinicianClient, Url(r.Patient) + "?handler=Correct", page,
            ("entryId", filed.Id), ("value", "164"), ("reason", "Typed from the wrong reading"));

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        var all = await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id, includeSuperseded: true);
        Assert.Equal(2, all.Count);
        Assert.Equal("166", (await r.Site.Store.GetRecordEntryAsync(filed.Id))!.Value); // never changed in place
        var correction = Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        Assert.Equal(("164", filed.Id, r.Clinician.Id), (correction.Value, correction.SupersedesId, correction.FiledBy));
        var (_, html) = await ReviewSite.GetAsync(r.ClinicianClient, Url(r.Patient));
        Assert.Contains("Superseded", html);
        Assert.Contains($"Corrected to 164 by {r.Clinician.DisplayName}", html);
        Assert.Contains("Correction filed", html);
        Assert.Contains(await r.AuditAsync(), e => e.Action == ReviewAudit.EntryCorrected && e.Details!.Contains("Typed from the wrong reading"));
    }

    [Fact]
    public async Task Correct_WithAValueOutOfRange_FilesNothing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var (filed, page) = await FiledSystolicAsync(r);

        var response = await ReviewSite.PostAsync(r.ClinicianClient, Url(r.Patient) + "?handler=Correct", page,
            ("entryId", filed.Id), ("value", "16 kPa"), ("reason", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id, includeSuperseded: true));
    }

    [Fact]
    public async Task Correct_WithNoValue_AsksForTheCorrectedValue_AndFilesNothing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var (filed, page) = await FiledSystolicAsync(r);

        var response = await ReviewSite.PostAsync(r.ClinicianClient, Url(r.Patient) + "?handler=Correct", page,
            ("entryId", filed.Id), ("value", " "), ("reason", "typed wrong"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the corrected value for", html);
        Assert.DoesNotContain("untick", html); // there is nothing to untick on the record page
        Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id, includeSuperseded: true));
    }

    [Fact]
    public async Task Assign_ADiaryDueIn7Days_AppearsOnThePatientsHome_OnceEvenIfPostedTwice_AndOverdueShowsInTheQueue()
    {
        // A site of its own: the test looks at the whole queue, and moves the clock on 9 days.
        using var r = await ReviewSite.StartAsync();
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, Url(r.Patient));
        var form = new[] { ("questionnaireId", "home-bp-diary"), ("dueInDays", "7") };

        var first = await ReviewSite.PostAsync(r.ClinicianClient, Url(r.Patient) + "?handler=Assign", page, form);
        await ReviewSite.PostAsync(r.ClinicianClient, Url(r.Patient) + "?handler=Assign", page, form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var assignment = Assert.Single(await r.Site.Store.ListAssignmentsAsync(r.Patient.Id));
        Assert.Equal(DateOnly.FromDateTime(r.Site.Clock.GetUtcNow().UtcDateTime).AddDays(7), assignment.DueDate);
        var patient = r.Site.Browser();
        await r.Site.SignInAsync(patient, r.Patient.UserName, withCode: false);
        Assert.Contains("Home blood pressure diary", await patient.GetStringAsync("/Patient"));

        var (_, before) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");
        r.Site.Clock.Advance(TimeSpan.FromDays(9));
        await r.SignInAgainAsync();
        var (_, after) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");
        Assert.Contains("No questionnaire the practice asked for is overdue", before);
        Assert.Contains("Overdue questionnaires", after);
        Assert.Contains("2 days", after);
        Assert.Contains(r.Patient.DisplayName, after);
    }

    [Fact]
    public async Task UnknownPatient_OrAClinicianId_Is404()
    {
        using var r = await ReviewSite.StartAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, (await r.ClinicianClient.GetAsync("/Clinician/Patient/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await r.ClinicianClient.GetAsync(Url(r.Clinician))).StatusCode);
    }

    [Fact]
    public async Task Patient_CannotSeeAnotherPatientsClinicianRecord()
    {
        using var r = await ReviewSite.StartAsync(site);
        var other = await r.Site.SignedInAsync(Role.Patient, TestSite.UniqueName("bea"));

        var response = await other.GetAsync(Url(r.Patient));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }
}
