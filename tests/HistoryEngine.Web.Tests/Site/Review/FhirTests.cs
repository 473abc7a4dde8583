using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

[Collection(SharedSite.Collection)]
public class FhirTests(SharedSite site)
{
    private readonly string _sam = TestSite.UniqueName("sam");

    private static async Task<HttpClient> PatientAsync(ReviewSite r)
    {
        var patient = r.Site.Browser();
        await r.Site.SignInAsync(patient, r.Patient.UserName, withCode: false);
        return patient;
    }

    [Fact]
    public async Task QuestionnaireResponse_ForAClinicianOrThePatient_IsFhirJson_AndEveryReadIsAudited()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var patient = await PatientAsync(r);

        var byClinician = await r.ClinicianClient.GetAsync($"/fhir/QuestionnaireResponse/{s.Id}");
        var byPatient = await patient.GetAsync($"/fhir/QuestionnaireResponse/{s.Id}");

        foreach (var response in new[] { byClinician, byPatient })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("QuestionnaireResponse", json.RootElement.GetProperty("resourceType").GetString());
            Assert.Equal("Patient/" + r.Patient.Id, json.RootElement.GetProperty("subject").GetProperty("reference").GetString());
            Assert.Contains("182", json.RootElement.GetProperty("item").GetRawText());
        }
        var reads = (await r.AuditAsync()).Where(e => e.Action == "fhir.read").ToList();
        Assert.Equal(2, reads.Count);
        Assert.Contains(reads, e => e.ActorId == r.Clinician.Id);
        Assert.Contains(reads, e => e.ActorId == r.Patient.Id);
    }

    [Fact]
    public async Task Observations_AreTheFiledCurrentEntries_CorrectionsMarked_ForClinicianAndPatient()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary(140, 88));
        await r.FileAsync(s, ("accept", "0"), ("accept", "1"), ("value-0", "140"), ("value-1", "88"));
        var diastolic = (await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id)).Single(e => e.Code == "413605002");
        await r.Site.Store.SupersedeRecordEntryAsync(diastolic.Id, diastolic.ToNew() with { Value = "87" });

        var response = await r.ClinicianClient.GetAsync($"/fhir/Observation?patient={r.Patient.Id}");
        var own = await (await PatientAsync(r)).GetAsync($"/fhir/Observation?patient={r.Patient.Id}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("searchset", json.RootElement.GetProperty("type").GetString());
        var observations = json.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        Assert.Equal(2, observations.Count);
        Assert.All(observations, o => Assert.Equal("Observation", o.GetProperty("resourceType").GetString()));
        var corrected = Assert.Single(observations, o => o.GetProperty("status").GetString() == "corrected");
        Assert.Equal(87, corrected.GetProperty("valueQuantity").GetProperty("value").GetDecimal());
        Assert.Equal("mm[Hg]", corrected.GetProperty("valueQuantity").GetProperty("code").GetString());
        Assert.Equal("QuestionnaireResponse/" + s.Id, corrected.GetProperty("derivedFrom")[0].GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Observations_AreNarrowedByCodeAndDate_AndASearchTheServerDoesNotTakeIs400()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary(140, 88));
        await r.FileAsync(s, ("accept", "0"), ("accept", "1"), ("value-0", "140"), ("value-1", "88"));
        var filed = (await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id)).First();
        // The diary's averages are dated by its last reading (yesterday), not the day they were filed (today).
        var taken = Assert.IsType<DateOnly>(filed.TakenOn);
        Assert.Equal(DateOnly.FromDateTime(r.Site.Clock.GetUtcNow().UtcDateTime).AddDays(-1), taken); // as r.Diary dates them
        var day = taken.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var nextDay = taken.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<List<string>> CodesAsync(string query)
        {
            var response = await r.ClinicianClient.GetAsync($"/fhir/Observation?patient={r.Patient.Id}&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. json.RootElement.TryGetProperty("entry", out var entries)
                ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()!)
                : []];
        }

        Assert.Equal(["413605002"], await CodesAsync("code=http://snomed.info/sct|413605002"));
        Assert.Equal(2, (await CodesAsync($"date={day}")).Count);
        Assert.Equal(2, (await CodesAsync($"date=ge{day}&date=lt{nextDay}")).Count);
        Assert.Empty(await CodesAsync($"date=ge{nextDay}"));
        var bad = await r.ClinicianClient.GetAsync($"/fhir/Observation?patient={r.Patient.Id}&date=last-week");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("OperationOutcome", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFhirQuestionnaire_IsFilledInFromThePatientAndTheirRecord_ForThemToConfirm()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary(140, 88));
        await r.FileAsync(s, ("accept", "0"), ("accept", "1"), ("value-0", "140"), ("value-1", "88"));
        var patient = await PatientAsync(r);

        var start = await (await patient.GetAsync($"/Journey/{r.Patient.Id}/test-prefill")).Content.ReadAsStringAsync();
        var next = System.Text.RegularExpressions.Regex.Match(start, "href=\"([^\"]*/page/[^\"]*)\"").Groups[1].Value;
        var first = await patient.GetAsync(System.Net.WebUtility.HtmlDecode(next));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        var check = await patient.GetAsync($"/Journey/{r.Patient.Id}/test-prefill/check");
        var checkHtml = check.StatusCode == HttpStatusCode.OK ? await check.Content.ReadAsStringAsync() : "";

        // The first page shows the name from the record in its box, for the patient to confirm or change.
        Assert.Contains($"value=\"{System.Net.WebUtility.HtmlEncode(r.Patient.DisplayName)}\"", html);
        // The record's last diastolic average (filed above) is the other item's starting answer.
        Assert.Contains(">88<", checkHtml.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patient_IsWhatThePracticeKnows_AsAFhirPatient_ForTheClinicianAndThePatientThemself()
    {
        using var r = await ReviewSite.StartAsync(site);
        var patient = await PatientAsync(r);

        foreach (var client in new[] { r.ClinicianClient, patient })
        {
            var response = await client.GetAsync($"/fhir/Patient/{r.Patient.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var p = json.RootElement;
            Assert.Equal("Patient", p.GetProperty("resourceType").GetString());
            Assert.Equal(r.Patient.Id, p.GetProperty("id").GetString());
            Assert.Equal(r.Patient.DisplayName, p.GetProperty("name")[0].GetProperty("text").GetString());
            if (r.Patient.NhsNumber is { } nhs)
                Assert.Equal(nhs.Replace(" ", "", StringComparison.Ordinal), p.GetProperty("identifier")[0].GetProperty("value").GetString());
            if (r.Patient.DateOfBirth is { } born)
                Assert.Equal(born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.GetProperty("birthDate").GetString());
        }
        Assert.Equal(2, (await r.AuditAsync()).Count(e => e.Action == "fhir.read" && e.Details == $"Patient/{r.Patient.Id}"));
    }

    [Fact]
    public async Task AnotherPatient_ACarer_OrAnUnknownId_Gets404_AndTheRefusalIsAudited()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var other = await r.Site.SignedInAsync(Role.Patient, TestSite.UniqueName("bea"));
        var carer = await r.Site.SignedInAsync(Role.Proxy, _sam);
        await r.Site.Store.AddProxyGrantAsync(r.Patient.Id, (await r.Site.Store.FindPersonByUserNameAsync(_sam))!.Id, true, true);

        var responses = new[]
        {
            await other.GetAsync($"/fhir/QuestionnaireResponse/{s.Id}"),
            await other.GetAsync($"/fhir/Observation?patient={r.Patient.Id}"),
            await other.GetAsync($"/fhir/Patient/{r.Patient.Id}"),
            await carer.GetAsync($"/fhir/Patient/{r.Patient.Id}"),
            await r.ClinicianClient.GetAsync($"/fhir/Patient/{r.Clinician.Id}"),
            await carer.GetAsync($"/fhir/QuestionnaireResponse/{s.Id}"),
            await r.ClinicianClient.GetAsync("/fhir/QuestionnaireResponse/no-such-submission"),
            await r.ClinicianClient.GetAsync("/fhir/Observation?patient=no-such-patient"),
            await r.ClinicianClient.GetAsync($"/fhir/Observation?patient={r.Clinician.Id}"),
            await r.ClinicianClient.GetAsync("/fhir/Observation"),
        };

        Assert.All(responses, x => Assert.Equal(HttpStatusCode.NotFound, x.StatusCode));
        Assert.Equal(responses.Length, (await r.Site.Store.SearchAuditAsync(new AuditQuery(null, null, null, null)))
            .Count(e => e.Action == "fhir.refused"));
    }

    [Fact]
    public async Task Anonymous_IsNotServed()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var response = await r.Site.Browser().GetAsync($"/fhir/QuestionnaireResponse/{s.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task BundleDownload_FromTheSubmissionPage_IsATransactionBundle_AndAudited()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("home-bp-diary", r.Diary());

        var response = await r.ClinicianClient.GetAsync(ReviewSite.Url(s) + "?handler=Fhir");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(s.Reference, response.Content.Headers.ContentDisposition!.FileName);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("transaction", json.RootElement.GetProperty("type").GetString());
        var types = json.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("resourceType").GetString()).ToList();
        Assert.Equal(["QuestionnaireResponse", "Observation"], types);
        Assert.Contains(await r.AuditAsync(), e => e.Action == "submission.fhir-bundle");
    }
}

internal static class RecordEntryCopy
{
    public static NewRecordEntry ToNew(this RecordEntry e) =>
        new(e.PatientId, e.System, e.Code, e.Display, e.Value, e.Unit, e.FiledBy, e.SubmissionId, e.QuestionnaireVersion) { Codings = e.Codings };
}
