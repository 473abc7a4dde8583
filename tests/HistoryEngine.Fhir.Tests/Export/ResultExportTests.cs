using System.Text.Json;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Export;

/// <summary>A session result exported as a QuestionnaireResponse, Observations and a transaction Bundle, each valid R4.</summary>
public sealed class ResultExportTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static (QuestionnaireFile Q, Runtime.SessionResult Result) Run(string path, string answers)
    {
        var q = QuestionnaireFile.Load(path);
        Assert.True(q.Compiled is not null, TestFiles.Codes(q.Diagnostics));
        return (q, TestFiles.Session(q.Compiled!, answers).Result());
    }

    private const string BpCheckAnswers = """
        {"measured_at": "2026-03-01T08:00", "arm": "right",
         "readings": [{"systolic": 150, "diastolic": 95, "pulse": 64}, {"systolic": 146, "diastolic": 91}],
         "symptoms_now.symptoms": ["none"], "dizzy_on_standing": true, "standing_systolic": 120, "standing_diastolic": 80}
        """;

    [Fact]
    public void BpCheck_Bundle_IsValid_WithTheResponseAndAnObservationPerEntry()
    {
        var (q, result) = Run(Path.Combine(TestFiles.Questionnaires, "bp-check.yaml"), BpCheckAnswers);
        var bundle = FhirExport.Bundle(result, q.Compiled!, "Patient/example", Clock);
        Assert.Empty(FhirValidation.Errors(bundle));
        using var doc = JsonDocument.Parse(bundle);
        var resources = doc.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        Assert.Equal("QuestionnaireResponse", resources[0].GetProperty("resourceType").GetString());
        var observations = resources.Skip(1).ToList();
        Assert.Equal(result.Entries.Count, observations.Count);
        var sitting = observations.Single(o => o.GetRawText().Contains("407554009", StringComparison.Ordinal));
        Assert.Contains("8459-0", sitting.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(148, sitting.GetProperty("valueQuantity").GetProperty("value").GetDecimal());
        Assert.Equal("mm[Hg]", sitting.GetProperty("valueQuantity").GetProperty("code").GetString());
        Assert.Equal("http://unitsofmeasure.org", sitting.GetProperty("valueQuantity").GetProperty("system").GetString());
    }

    [Fact]
    public void BpCheck_Response_HoldsOnlyEnabledAnswers_AndTheModuleChoices()
    {
        var (q, result) = Run(Path.Combine(TestFiles.Questionnaires, "bp-check.yaml"), BpCheckAnswers.Replace("\"dizzy_on_standing\": true", "\"dizzy_on_standing\": false", StringComparison.Ordinal));
        var response = FhirExport.QuestionnaireResponse(result, q.Compiled!, "Patient/example", Clock);
        Assert.Empty(FhirValidation.Errors(response));
        Assert.DoesNotContain("standing_systolic", response, StringComparison.Ordinal);
        Assert.Contains("symptoms_now.symptoms", response, StringComparison.Ordinal);
        Assert.Contains("\"completed\"", response, StringComparison.Ordinal);
    }

    [Fact]
    public void EntriesOfOnePanel_BecomeOneObservation_WithAComponentEach()
    {
        var path = Path.Combine(Path.GetTempPath(), $"he-homebp-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            id: home-bp
            version: 1.0.0
            title: Home BP
            items:
              - {id: sys, type: integer, text: Systolic}
              - {id: dia, type: integer, text: Diastolic}
            entries:
              - codings:
                  - {system: http://snomed.info/sct, code: "413606001", display: Average home systolic blood pressure}
                  - {system: http://loinc.org, code: 96608-5, display: Systolic blood pressure mean}
                value: sys
                min: 50
                max: 300
                unit: "mm[Hg]"
                panel: {system: http://loinc.org, code: 96607-7, display: Blood pressure panel mean systolic and mean diastolic}
              - codings:
                  - {system: http://snomed.info/sct, code: "413605002", display: Average home diastolic blood pressure}
                  - {system: http://loinc.org, code: 96609-3, display: Diastolic blood pressure mean}
                value: dia
                min: 30
                max: 200
                unit: "mm[Hg]"
                panel: {system: http://loinc.org, code: 96607-7, display: Blood pressure panel mean systolic and mean diastolic}
            """);
        try
        {
            var (q, result) = Run(path, """{"sys": 142, "dia": 88}""");
            var bundle = FhirExport.Bundle(result, q.Compiled!, "Patient/example", Clock);
            Assert.Empty(FhirValidation.Errors(bundle));
            using var doc = JsonDocument.Parse(bundle);
            var panel = doc.RootElement.GetProperty("entry")[1].GetProperty("resource");
            Assert.Equal("96607-7", panel.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString());
            var components = panel.GetProperty("component").EnumerateArray().ToList();
            string Code(JsonElement component, string system) => component.GetProperty("code").GetProperty("coding").EnumerateArray()
                .Single(c => c.GetProperty("system").GetString() == system).GetProperty("code").GetString()!;
            Assert.Equal(["96608-5", "96609-3"], components.Select(c => Code(c, "http://loinc.org")));
            Assert.Equal(["413606001", "413605002"], components.Select(c => Code(c, "http://snomed.info/sct")));
            Assert.Equal(142, components[0].GetProperty("valueQuantity").GetProperty("value").GetDecimal());
            Assert.Single(doc.RootElement.GetProperty("entry").EnumerateArray().Skip(1));
        }
        finally { File.Delete(path); }
    }
}
