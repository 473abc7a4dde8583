using System.Text.Json;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Export;

/// <summary>
/// An entry with several codings is one Observation whose code lists every coding (the PHQ-9 total in SNOMED CT and
/// LOINC, not two Observations); each coding once, even where the engine's own LOINC table knows the code too.
/// </summary>
public sealed class EntryCodingsExportTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero));

    private static List<JsonElement> Observations(string file, string answers)
    {
        var q = QuestionnaireFile.Load(Path.Combine(TestFiles.Questionnaires, file));
        Assert.True(q.Compiled is not null, TestFiles.Codes(q.Diagnostics));
        var session = q.Compiled!.CreateSession(Clock);
        using (var doc = JsonDocument.Parse(answers)) session.SetAnswers(doc.RootElement);
        var bundle = FhirExport.Bundle(session.Result(), q.Compiled!, "Patient/example", Clock);
        Assert.Empty(FhirValidation.Errors(bundle));
        using var parsed = JsonDocument.Parse(bundle);
        return [.. parsed.RootElement.GetProperty("entry").EnumerateArray().Skip(1).Select(e => e.GetProperty("resource").Clone())];
    }

    private static string[] Codings(JsonElement concept) =>
        [.. concept.GetProperty("coding").EnumerateArray().Select(c => c.GetProperty("system").GetString() + "|" + c.GetProperty("code").GetString())];

    [Fact]
    public void Phq9Total_IsOneObservation_CodedInSnomedAndLoinc()
    {
        var nothing = string.Join(", ", Enumerable.Range(1, 9).Select(i => $"\"q{i}\": \"LA6569-3\""));
        var observations = Observations("phq9.yaml", "{" + nothing + ", \"q9_acted\": false, \"q9_safe\": true, \"difficulty\": \"somewhat\"}");
        var total = Assert.Single(observations, o => o.GetProperty("valueQuantity").GetProperty("value").GetDecimal() == 9);
        Assert.Equal(["http://snomed.info/sct|720433000", "http://loinc.org|44261-6"], Codings(total.GetProperty("code")));
        Assert.Equal("Patient Health Questionnaire Nine Item score", total.GetProperty("code").GetProperty("text").GetString());
        // Item 9 is the only other entry: two Observations in all, not three.
        Assert.Equal(2, observations.Count);
    }

    [Fact]
    public void BpCheckReading_ListsItsLoincOnce()
    {
        var observations = Observations("bp-check.yaml", """
            {"measured_at": "2026-03-08T08:00", "arm": "right", "readings": [{"systolic": 150, "diastolic": 95}],
             "symptoms_now.symptoms": ["none"], "dizzy_on_standing": false}
            """);
        var sitting = observations.Single(o => Codings(o.GetProperty("code")).Contains("http://snomed.info/sct|407554009"));
        Assert.Equal(["http://snomed.info/sct|407554009", "http://loinc.org|8459-0"], Codings(sitting.GetProperty("code")));
    }

    [Fact]
    public void HomeDiaryAverages_InThePanel_CarryTheFilesCodings()
    {
        var readings = string.Join(", ", Enumerable.Range(1, 4).Select(d => $$"""{"taken": "2026-03-0{{d}}T07:30", "systolic": 140, "diastolic": 88}"""));
        var panel = Assert.Single(Observations("home-bp-diary.yaml", "{\"readings\": [" + readings + "]}"));
        Assert.Equal(["http://loinc.org|96607-7"], Codings(panel.GetProperty("code")));
        var components = panel.GetProperty("component").EnumerateArray().Select(c => Codings(c.GetProperty("code"))).ToList();
        Assert.Equal(["http://snomed.info/sct|413606001", "http://loinc.org|96608-5"], components[0]);
        Assert.Equal(["http://snomed.info/sct|413605002", "http://loinc.org|96609-3"], components[1]);
        // The averages describe the readings' days: the panel is effective on the day of the last reading (the file's
        // `taken: last_day`), not when the result is exported.
        Assert.Equal("2026-03-04", panel.GetProperty("effectiveDateTime").GetString());
    }

    [Fact]
    public void AnEntryWithoutTaken_IsEffectiveWhenExported()
    {
        var nothing = string.Join(", ", Enumerable.Range(1, 9).Select(i => $"\"q{i}\": \"LA6569-3\""));
        var observations = Observations("phq9.yaml", "{" + nothing + ", \"q9_acted\": false, \"q9_safe\": true, \"difficulty\": \"somewhat\"}");
        Assert.All(observations, o => Assert.StartsWith("2026-03-08", o.GetProperty("effectiveDateTime").GetString()));
    }
}
