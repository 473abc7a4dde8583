using System.Globalization;
using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using HistoryEngine.Web.Tests.Site.Review;

namespace HistoryEngine.Web.Tests.Site.Plan;

/// <summary>
/// A diary's averages are dated by the day of its last reading (home-bp-diary.yaml `taken`), not the day the GP files
/// them (docs/clinical-safety.md H25). The queue lists the later, higher diary first, so it is often filed before an
/// earlier, lower one: the patient's plan must still read the later readings (above target, not "Well done"), and a
/// correction of the later diary keeps its day, so its new systolic pairs with its own diastolic. Run on both stores.
/// </summary>
public abstract class DiaryTakenDayTests(PlanSite site)
{
    private DateOnly Today => UkTime.Today(site.Clock);

    /// <summary>Seven days of readings from <paramref name="first"/>, morning and evening, all at the given numbers.</summary>
    private static string Diary(DateOnly first, int systolic, int diastolic) => JsonSerializer.Serialize(new
    {
        readings = Enumerable.Range(0, 7).SelectMany(d => new[] { "07:30", "19:30" }.Select(time => new
        {
            taken = first.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + time,
            systolic,
            diastolic,
        })),
    });

    [Fact]
    public async Task TwoDiariesFiledOutOfOrder_ThePlanReadsTheLaterReadings_AndACorrectionKeepsItsDay()
    {
        using var r = await ReviewSite.OnAsync(site);
        await site.Store.AddRecordEntryAsync(new NewRecordEntry(r.Patient.Id, "http://snomed.info/sct", "38341003",
            "Hypertensive disorder", null, null, r.Clinician.Id, null, null) { TakenOn = Today.AddDays(-40) });
        var earlier = await r.SubmitAsync("home-bp-diary", Diary(Today.AddDays(-20), 120, 75)); // last reading 14 days ago
        var later = await r.SubmitAsync("home-bp-diary", Diary(Today.AddDays(-7), 150, 95));    // last reading yesterday

        // The later diary (flagged soon, first in the queue) is filed first, then the earlier one.
        Assert.Equal(HttpStatusCode.Redirect, (await r.FileAsync(later, ("accept", "0"), ("accept", "1"), ("value-0", "150"), ("value-1", "95"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await r.FileAsync(earlier, ("accept", "0"), ("accept", "1"), ("value-0", "120"), ("value-1", "75"))).StatusCode);

        var averages = (await site.Store.ListRecordEntriesAsync(r.Patient.Id)).Where(e => e.SubmissionId is not null).ToList();
        Assert.Equal(4, averages.Count);
        Assert.All(averages.Where(e => e.SubmissionId == later.Id), e => Assert.Equal(Today.AddDays(-1), e.TakenOn));
        Assert.All(averages.Where(e => e.SubmissionId == earlier.Id), e => Assert.Equal(Today.AddDays(-14), e.TakenOn));

        var patient = await r.PatientClientAsync();
        var (status, plan) = await Forms.GetAsync(patient, $"/Plan/{r.Patient.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your last home blood pressure average, 150/95, was above your target of 135/85.", plan);
        Assert.DoesNotContain("Well done", plan);
        Assert.DoesNotContain("120/75, is below your target", plan);

        // The later diary's systolic corrected (150 -> 149) after the earlier diary was filed: still that diary's day,
        // so the plan pairs 149 with its own 95, not with the earlier diary's 75.
        var systolic = averages.Single(e => e.SubmissionId == later.Id && e.Code == "413606001");
        var url = $"/Clinician/Patient/{r.Patient.Id}";
        var (_, record) = await Forms.GetAsync(r.ClinicianClient, url);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(r.ClinicianClient, url + "?handler=Correct", record,
            ("entryId", systolic.Id), ("value", "149"), ("reason", "Read again from the diary"))).StatusCode);
        var correction = (await site.Store.ListRecordEntriesAsync(r.Patient.Id)).Single(e => e.SupersedesId == systolic.Id);
        Assert.Equal(Today.AddDays(-1), correction.TakenOn);

        (_, plan) = await Forms.GetAsync(patient, $"/Plan/{r.Patient.Id}");
        Assert.Contains("Your last home blood pressure average, 149/95, was above your target of 135/85.", plan);
        Assert.DoesNotContain("149/75", plan);
    }
}

public sealed class DiaryTakenDayTestsOnLiteDb(PlanSite site) : DiaryTakenDayTests(site), IClassFixture<PlanSite>;

public sealed class DiaryTakenDayTestsOnPostgreSql(PlanSiteOnPostgreSql site) : DiaryTakenDayTests(site), IClassFixture<PlanSiteOnPostgreSql>;
