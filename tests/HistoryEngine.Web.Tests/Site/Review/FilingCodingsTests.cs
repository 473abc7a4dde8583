using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// An entry proposed with several codings (a score's total in SNOMED CT and LOINC, as the PHQ-9 total is) is filed as one record entry that
/// keeps them all: the clinician sees them, a correction keeps them, and the FHIR Observation lists them.
/// </summary>
[Collection(SharedSite.Collection)]
public class FilingCodingsTests(SharedSite site)
{
    private static readonly RecordCoding Snomed = new("http://snomed.info/sct", "720433000", "Patient Health Questionnaire Nine Item score");
    private static readonly RecordCoding Loinc = new("http://loinc.org", "44261-6", "PHQ-9 total score");

    private const string Scored = """{"q1": "most", "q2": "some"}""";

    [Fact]
    public async Task File_AnEntryWithTwoCodings_KeepsBothInTheRecord_AndShowsThem()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-score", Scored);
        var (_, before) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        Assert.Contains("http://loinc.org | 44261-6 (PHQ-9 total score)", before); // offered with both codings

        var response = await r.FileAsync(s, ("accept", "0"), ("value-0", "8"), ("value-1", "0"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        Assert.Equal(("http://snomed.info/sct", "720433000", "8"), (entry.System, entry.Code, entry.Value));
        Assert.Equal([Snomed, Loinc], entry.Codings);
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, $"/Clinician/Patient/{r.Patient.Id}");
        Assert.Contains("http://snomed.info/sct | 720433000; also <span class=\"he-coding\">http://loinc.org | 44261-6 (PHQ-9 total score)</span>", page);
    }

    [Fact]
    public async Task Correct_AnEntryWithTwoCodings_TheCorrectionKeepsThem_AndFhirListsBoth()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-score", Scored);
        await r.FileAsync(s, ("accept", "0"), ("value-0", "8"), ("value-1", "0"));
        var filed = Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        var url = $"/Clinician/Patient/{r.Patient.Id}";
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, url);

        var corrected = await ReviewSite.PostAsync(r.ClinicianClient, url + "?handler=Correct", page,
            ("entryId", filed.Id), ("value", "9"), ("reason", "Added up again"));

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var correction = Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        Assert.Equal(("9", filed.Id), (correction.Value, correction.SupersedesId));
        Assert.Equal([Snomed, Loinc], correction.Codings);

        using var json = JsonDocument.Parse(await (await r.ClinicianClient.GetAsync($"/fhir/Observation?patient={r.Patient.Id}")).Content.ReadAsStringAsync());
        var observation = Assert.Single(json.RootElement.GetProperty("entry").EnumerateArray()).GetProperty("resource");
        Assert.Equal(["http://snomed.info/sct|720433000", "http://loinc.org|44261-6"],
            observation.GetProperty("code").GetProperty("coding").EnumerateArray().Select(c => c.GetProperty("system").GetString() + "|" + c.GetProperty("code").GetString()));
    }
}
