using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Site.Journey;

namespace HistoryEngine.Web.Tests.Site.Plan;

/// <summary>
/// Issue 19 point 3, the patient's side: "my plan" from the shipped hypertension care plan, worked out from what the
/// practice filed. Not started without a diagnosis; started by one, with the NICE tests to do, the target in plain
/// words and the next diary; a filed result ticks its test off; another patient's plan is not found.
/// </summary>
public sealed class CarePlanPageTests
{
    private const string Snomed = "http://snomed.info/sct";

    private static NewRecordEntry Entry(Person patient, string code, string display, string? value = null, string? unit = null) =>
        new(patient.Id, Snomed, code, display, value, unit, "gp-1", null, "1.0.0");

    /// <summary>Hypertension filed, then two diaries' averages filed 10 and 50 days later; the patient signs in again
    /// (the weeks ended their sign-in).</summary>
    private static async Task DiagnosedThenTwoDiariesAsync(BpJourney j, (string Systolic, string Diastolic) first,
        (string Systolic, string Diastolic) second)
    {
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "38341003", "Hypertensive disorder"));
        foreach (var (systolic, diastolic, days) in new[] { (first.Systolic, first.Diastolic, 10), (second.Systolic, second.Diastolic, 40) })
        {
            j.Site.Clock.Advance(TimeSpan.FromDays(days));
            await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "413606001", "Average home systolic blood pressure", systolic, "mm[Hg]"));
            await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "413605002", "Average home diastolic blood pressure", diastolic, "mm[Hg]"));
        }
        await j.Site.SignInAsync(j.Driver.Client, j.Patient.UserName, withCode: false);
    }

    [Fact]
    public async Task ThePlan_StartsWithAFiledDiagnosis_ShowsTheTestsTargetAndNextDiary_AndAResultTicksItsTestOff()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var plan = $"/Plan/{j.Patient.Id}";

        // No diagnosis filed: no plan, and the record page does not link to one.
        Assert.Equal(HttpStatusCode.OK, (await j.Driver.GetAsync(plan)).StatusCode);
        Assert.Contains("has not started a care plan for you", j.Driver.Html);
        await j.Driver.GetAsync($"/Record/{j.Patient.Id}");
        Assert.DoesNotContain("he-plan-link", j.Driver.Html);

        // The GP files "hypertension": the plan starts.
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "38341003", "Hypertensive disorder"));
        await j.Driver.GetAsync($"/Record/{j.Patient.Id}");
        Assert.Contains("he-plan-link", j.Driver.Html);
        await j.Driver.GetAsync(plan);
        Assert.Contains("Your high blood pressure care plan", j.Driver.Html);
        Assert.Contains("0 of 9 done.", j.Driver.Html);
        Assert.Contains("Your next diary is due", j.Driver.Html);
        Assert.Contains("What high blood pressure means", j.Driver.Html);
        Assert.Contains("Your GP has told you that you have <strong>high blood pressure</strong>", j.Driver.Html); // the plan's intro
        Assert.DoesNotContain("he-plan-flags", j.Driver.Html); // nothing for the patient to do now
        // The target in plain words: the test patient has no date of birth, so the lower (under-80) target applies.
        Assert.Contains("below 135/85", j.Driver.Html);

        // An HbA1c result filed: one test done.
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "999791000000106", "Haemoglobin A1c level - IFCC standardised", "41", "mmol/mol"));
        await j.Driver.GetAsync(plan);
        Assert.Contains("1 of 9 done.", j.Driver.Html);
    }

    [Fact]
    public async Task TheClinician_SeesThePlanOnThePatientsRecord_WithWhatIsToDo_AndTheTwoDiariesAboveTargetFlag()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var record = $"/Clinician/Patient/{j.Patient.Id}";
        var before = await j.Site.SignedInAsync(Role.Clinician, TestSite.UniqueName("gp"));
        Assert.DoesNotContain("Care plan:", await before.GetStringAsync(record));

        // Diagnosed, then two complete diaries above the under-80 target (135/85), each filed after the diagnosis.
        await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "38341003", "Hypertensive disorder"));
        foreach (var (systolic, diastolic, days) in new[] { ("141", "88", 10), ("139", "86", 40) })
        {
            j.Site.Clock.Advance(TimeSpan.FromDays(days));
            await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "413606001", "Average home systolic blood pressure", systolic, "mm[Hg]"));
            await j.Site.Store.AddRecordEntryAsync(Entry(j.Patient, "413605002", "Average home diastolic blood pressure", diastolic, "mm[Hg]"));
        }

        // Signed in now: the weeks the clock moved on would have ended a sign-in from before.
        var gp = await j.Site.SignedInAsync(Role.Clinician, TestSite.UniqueName("gp"));
        var page = await gp.GetStringAsync(record);
        Assert.Contains("Care plan: hypertension", page);
        Assert.Contains("below 135/85 mmHg", page);
        Assert.Contains("0 of 9 done; to do: ", page);
        Assert.Contains("Two complete home diaries in a row at or above target 135/85: 141/88", page);
    }

    [Fact]
    public async Task TwoDiariesAboveTarget_ThePatientIsToldWhatHappensNext_InThePlansOwnWords()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        await DiagnosedThenTwoDiariesAsync(j, ("141", "88"), ("139", "86"));

        var page = await j.Driver.Client.GetStringAsync($"/Plan/{j.Patient.Id}");

        // The flag the GP sees in the queue has the plan's words for the patient, shown first, as a warning.
        var flags = page[page.IndexOf("he-plan-flags", StringComparison.Ordinal)..];
        Assert.Contains("What to do now", flags);
        Assert.Contains("Your last two home blood pressure averages were above your target. Your GP practice will contact you in the next few days", flags);
        Assert.True(page.IndexOf("he-plan-flags", StringComparison.Ordinal) < page.IndexOf("he-plan-steps", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHomeAverages_AreAChartAgainstTheTarget_WithTheSameNumbersAsATable()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        await DiagnosedThenTwoDiariesAsync(j, ("141", "88"), ("131", "79"));

        var page = await j.Driver.Client.GetStringAsync($"/Plan/{j.Patient.Id}");

        // The chart (two circles for the top numbers, dashed lines at the target) is hidden from screen readers, and
        // its table has the same numbers, oldest first.
        Assert.Contains("<svg class=\"he-chart__svg\"", page);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, "<circle ").Count);
        Assert.Contains("The target, below 135/85", page);
        var table = page[page.IndexOf("he-bp-table", StringComparison.Ordinal)..];
        Assert.True(table.IndexOf(">141<", StringComparison.Ordinal) < table.IndexOf(">131<", StringComparison.Ordinal));
        Assert.Contains(">79<", table);
    }

    [Fact]
    public async Task AnotherPatientsPlan_IsNotFound()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var other = await j.Site.AddPersonAsync(Role.Patient, TestSite.UniqueName("other"));
        await j.Site.Store.AddRecordEntryAsync(Entry(other, "38341003", "Hypertensive disorder"));

        var response = await j.Driver.GetAsync($"/Plan/{other.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("care plan", j.Driver.Html);
    }
}
