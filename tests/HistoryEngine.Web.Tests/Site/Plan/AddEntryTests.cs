using System.Globalization;
using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Startup;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Tests.Site.Plan;

/// <summary>
/// Issue 19 point 3: a clinician adds a diagnosis or a test result to a patient's record directly, from the patient's
/// record page: chosen from the codes the care plan files declare, stored with who added it, when, and the day it was
/// taken, audited in the same unit of work; the plan on the same page and the patient's "my plan" count it. Bad input is
/// refused next to its field with nothing stored; only a clinician of the patient's practice may add. Run on both
/// stores (the subclasses below).
/// </summary>
public abstract class AddEntryTests(PlanSite site)
{
    private const string Hypertension = "http://snomed.info/sct|38341003";
    private const string HbA1c = "http://snomed.info/sct|999791000000106";
    private const string Ecg = "http://snomed.info/sct|268400002";

    private static string Url(Person p) => $"/Clinician/Patient/{p.Id}";

    private DateOnly Today => UkTime.Today(site.Clock);

    private static (string, string)[] Date(DateOnly day) =>
    [
        ("TakenDay", day.Day.ToString(CultureInfo.InvariantCulture)),
        ("TakenMonth", day.Month.ToString(CultureInfo.InvariantCulture)),
        ("TakenYear", day.Year.ToString(CultureInfo.InvariantCulture)),
    ];

    private async Task<(Person Patient, Person Gp, HttpClient Client)> StartAsync()
    {
        var patient = await site.AddPersonAsync(Role.Patient, TestSite.UniqueName("plan-patient"));
        var (client, gp) = await site.SignedInPersonAsync(Role.Clinician, TestSite.UniqueName("plan-gp"));
        return (patient, gp, client);
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, Person patient, params (string, string)[] fields)
    {
        var (_, page) = await Forms.GetAsync(client, Url(patient));
        return await Forms.PostAsync(client, Url(patient) + "?handler=AddEntry", page, fields);
    }

    private async Task<IReadOnlyList<AuditEvent>> AddedEventsAsync(Person patient) =>
        [.. (await site.Store.ListAuditAsync(patient.Id, 1000)).Where(e => e.Action == ReviewAudit.EntryAdded)];

    [Fact]
    public async Task AddingHypertension_StartsThePlan_AndAnHbA1c_TicksItsTestOff_OnBothRecordPages_AndThePatientsPlan()
    {
        var (patient, gp, client) = await StartAsync();
        var (_, before) = await Forms.GetAsync(client, Url(patient));
        Assert.Contains("Add a diagnosis or test result", before);
        Assert.Contains($"<option value=\"{Hypertension}\">Hypertensive disorder</option>", before);
        Assert.Contains("Haemoglobin A1c level - IFCC standardised (mmol/mol)</option>", before);
        // The diary's averages come only from a complete diary: not offered.
        Assert.DoesNotContain("|413606001\"", before);
        Assert.DoesNotContain("Care plan: hypertension", before);

        var diagnosed = await AddAsync(client, patient, [("Code", Hypertension), ("Value", ""), .. Date(Today)]);
        Assert.Equal(HttpStatusCode.Redirect, diagnosed.StatusCode);
        var (_, started) = await Forms.GetAsync(client, diagnosed.Headers.Location!.OriginalString);
        Assert.Contains("The entry was added to the record.", started);
        Assert.Contains("Care plan: hypertension", started);
        Assert.Contains("0 of 9 done; to do: ", started);

        var taken = Today.AddDays(-3);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, patient, [("Code", HbA1c), ("Value", " 48 "), .. Date(taken)])).StatusCode);

        var (_, page) = await Forms.GetAsync(client, Url(patient));
        Assert.Contains("1 of 9 done; to do: ", page);
        Assert.DoesNotContain("Blood test for diabetes (HbA1c)", page[page.IndexOf("to do: ", StringComparison.Ordinal)..page.IndexOf("</dd>", page.IndexOf("to do: ", StringComparison.Ordinal), StringComparison.Ordinal)]);
        Assert.Contains("Haemoglobin A1c level - IFCC standardised: <strong>48 mmol/mol</strong>", page);
        Assert.Contains($"taken {UkTime.Date(taken)}; added by {gp.DisplayName} on {UkTime.Date(Today)}", page);

        var entries = await site.Store.ListRecordEntriesAsync(patient.Id);
        Assert.Equal(2, entries.Count);
        var hba1c = Assert.Single(entries, e => e.Code == "999791000000106");
        Assert.Equal(("48", "mmol/mol", gp.Id, (string?)null, (DateOnly?)taken), (hba1c.Value, hba1c.Unit, hba1c.FiledBy, hba1c.SubmissionId, hba1c.TakenOn));
        var diagnosis = Assert.Single(entries, e => e.Code == "38341003");
        Assert.Equal(((string?)null, (string?)null, (DateOnly?)Today), (diagnosis.Value, diagnosis.Unit, diagnosis.TakenOn));

        // Each addition is audited, by whom, with what: one event each.
        var events = await AddedEventsAsync(patient);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(gp.Id, e.ActorId));
        Assert.Contains(events, e => e.Details!.Contains($"999791000000106 48 mmol/mol taken {taken:yyyy-MM-dd} (entry {hba1c.Id})", StringComparison.Ordinal));

        // The patient: the plan shows the HbA1c done, and the record says who added it and when.
        var patientClient = site.Browser();
        await site.SignInAsync(patientClient, patient.UserName, withCode: false);
        var (planStatus, plan) = await Forms.GetAsync(patientClient, $"/Plan/{patient.Id}");
        Assert.Equal(HttpStatusCode.OK, planStatus);
        Assert.Contains("1 of 9 done.", plan);
        var step = plan[plan.IndexOf("Blood test for diabetes (HbA1c)", StringComparison.Ordinal)..];
        Assert.StartsWith("Blood test for diabetes (HbA1c)</strong>\n", step.Replace("\r", ""));
        Assert.Contains("nhsuk-tag--green\">Done<", step[..step.IndexOf("</li>", StringComparison.Ordinal)]);
        var (_, record) = await Forms.GetAsync(patientClient, $"/Record/{patient.Id}");
        Assert.Contains($"Added by {gp.DisplayName} on {UkTime.Date(Today)}; taken {UkTime.Date(taken)}", record);
    }

    public static TheoryData<string, string, string, string, string, string, string> BadInput => new()
    {
        // code, value, day, month, year offset ("+1" tomorrow), the field the error is against, its message
        { "http://snomed.info/sct|12345", "", "", "", "", "Code", "Select what to add from the list" },
        { "", "", "", "", "", "Code", "Select what to add from the list" },
        { HbA1c, "forty-eight", "", "", "", "Value", "must be a number of mmol/mol" },
        { HbA1c, "", "", "", "", "Value", "Enter the result of Haemoglobin A1c level - IFCC standardised in mmol/mol" },
        { HbA1c, "4800", "", "", "", "Value", "must be between 10 and 250 of mmol/mol" },
        { HbA1c, "48 %", "", "", "", "Value", "is a different unit. Enter the value in mmol/mol (it is not converted)" },
        { Ecg, new string('x', 201), "", "", "", "Value", "The result must be 200 characters or fewer" },
        { HbA1c, "48", "tomorrow", "", "", "TakenOn-day", "The date it was taken must be today or in the past" },
        { HbA1c, "48", "1", "", "2026", "TakenOn-month", "The date it was taken must include a month" },
        { HbA1c, "48", "31", "2", "2026", "TakenOn-day", "The date it was taken must be a real date" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_IsShownNextToItsField_AndLinkedFromTheSummary_AndNothingIsStoredOrAudited(
        string code, string value, string day, string month, string year, string field, string message)
    {
        var (patient, _, client) = await StartAsync();
        (string, string)[] date = day == "tomorrow" ? Date(Today.AddDays(1)) : [("TakenDay", day), ("TakenMonth", month), ("TakenYear", year)];

        var response = await AddAsync(client, patient, [("Code", code), ("Value", value), .. date]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<li><a href=\"#{field}\">", html);
        Assert.Contains("<span class=\"nhsuk-u-visually-hidden\">Error:</span> ", html);
        Assert.Contains(WebUtility.HtmlEncode(message), html);
        Assert.Contains("<details class=\"nhsuk-details he-add-entry\" open=\"open\">", html);
        Assert.Empty(await site.Store.ListRecordEntriesAsync(patient.Id, includeSuperseded: true));
        Assert.Empty(await AddedEventsAsync(patient));
    }

    [Fact]
    public async Task TheSameFormPostedTwice_AddsOnce_ButTheSameResultAgainLater_IsAdded()
    {
        var (patient, _, client) = await StartAsync();
        var (_, page) = await Forms.GetAsync(client, Url(patient));
        (string, string)[] fields = [("Code", HbA1c), ("Value", "48"), .. Date(Today)];

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, Url(patient) + "?handler=AddEntry", page, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, Url(patient) + "?handler=AddEntry", page, fields)).StatusCode);
        Assert.Single(await site.Store.ListRecordEntriesAsync(patient.Id));
        Assert.Single(await AddedEventsAsync(patient));

        site.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, Url(patient) + "?handler=AddEntry", page, fields)).StatusCode);
        Assert.Equal(2, (await site.Store.ListRecordEntriesAsync(patient.Id)).Count);
    }

    [Fact]
    public async Task ADiagnosisAddedAsMadeOverAYearAgo_HasTheYearlyReviewAssignedAtOnce_AsAfterAFiling()
    {
        var (patient, _, client) = await StartAsync();

        var response = await AddAsync(client, patient, [("Code", Hypertension), ("Value", ""), .. Date(Today.AddMonths(-13))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(await site.Store.ListAssignmentsAsync(patient.Id), a => a.QuestionnaireId == "hypertension-review");
    }

    [Fact]
    public async Task AShortResult_IsStoredAsTyped_AndShownEscaped()
    {
        var (patient, _, client) = await StartAsync();

        var response = await AddAsync(client, patient, [("Code", Ecg), ("Value", "<script>alert(1)</script> {{ 1 }}"), .. Date(Today)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("<script>alert(1)</script> {{ 1 }}", Assert.Single(await site.Store.ListRecordEntriesAsync(patient.Id)).Value);
        var (_, page) = await Forms.GetAsync(client, Url(patient));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; {{ 1 }}", page);
        Assert.DoesNotContain("<script>alert", page);
    }

    [Fact]
    public async Task AClinicianOfAnotherPractice_APatientAndACarer_CannotAdd_AndNothingIsStored()
    {
        var (patient, _, _) = await StartAsync();
        var practice = await site.Store.AddPracticeAsync(new NewPractice(TestSite.UniqueName("Hill Lane Practice")));
        var (otherGp, _) = await site.SignedInPersonAsync(Role.Clinician, TestSite.UniqueName("hill-gp"), practice.Id);
        var (_, theirPage) = await Forms.GetAsync(otherGp, "/Clinician");
        (string, string)[] fields = [("Code", HbA1c), ("Value", "48"), .. Date(Today)];

        var fromOtherPractice = await Forms.PostAsync(otherGp, Url(patient) + "?handler=AddEntry", theirPage, fields);

        Assert.Equal(HttpStatusCode.NotFound, fromOtherPractice.StatusCode);

        var patientClient = site.Browser();
        await site.SignInAsync(patientClient, patient.UserName, withCode: false);
        var (_, home) = await Forms.GetAsync(patientClient, "/Patient");
        var fromPatient = await Forms.PostAsync(patientClient, Url(patient) + "?handler=AddEntry", home, fields);
        Assert.Equal(HttpStatusCode.Redirect, fromPatient.StatusCode);
        Assert.Contains("AccessDenied", fromPatient.Headers.Location!.OriginalString);

        var (carerClient, carer) = await site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("plan-carer"));
        await site.Store.AddProxyGrantAsync(patient.Id, carer.Id, canFill: true, canViewRecord: true);
        var (_, carerHome) = await Forms.GetAsync(carerClient, "/Carer");
        var fromCarer = await Forms.PostAsync(carerClient, Url(patient) + "?handler=AddEntry", carerHome, fields);
        Assert.Equal(HttpStatusCode.Redirect, fromCarer.StatusCode);
        Assert.Contains("AccessDenied", fromCarer.Headers.Location!.OriginalString);

        Assert.Empty(await site.Store.ListRecordEntriesAsync(patient.Id, includeSuperseded: true));
        Assert.Empty(await AddedEventsAsync(patient));
    }
}

/// <summary>A site of its own on the shipped questionnaires: the care plans are only there (the questionnaires made for
/// the tests have none), and what may be added is read from them. Shared by one class's tests, each with its own people.</summary>
public class PlanSite : TestSite
{
    public PlanSite()
    {
        QuestionnairesPath = TestPaths.ShippedQuestionnaires;
        AddressPerClient = true;
    }
}

/// <summary>As <see cref="PlanSite"/>, on PostgreSQL.</summary>
public sealed class PlanSiteOnPostgreSql : PlanSite
{
    public PlanSiteOnPostgreSql() => Provider = StoreProvider.PostgreSql;
}

public sealed class AddEntryTestsOnLiteDb(PlanSite site) : AddEntryTests(site), IClassFixture<PlanSite>;

public sealed class AddEntryTestsOnPostgreSql(PlanSiteOnPostgreSql site) : AddEntryTests(site), IClassFixture<PlanSiteOnPostgreSql>;
