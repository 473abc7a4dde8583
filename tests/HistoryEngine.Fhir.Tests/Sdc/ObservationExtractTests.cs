using System.Text.Json;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Issue 18.9: observationExtract on an item, a group (for the items under it) or the Questionnaire makes each
/// coded answer a proposed record entry for the GP, like the native entries, exported as an Observation.
/// </summary>
public sealed class ObservationExtractTests
{
    private const string Fixture = "observation-extract.json";

    [Fact]
    public void ItemsToExtract_AreRead_ThoseInsideRepeatingGroupsAreNot()
    {
        var file = QuestionnaireFile.Load(TestFiles.Fixture(Fixture));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        var warning = Assert.Single(file.Diagnostics);
        Assert.Equal("HE4050", warning.Code);
        Assert.Contains("visit-date", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["weight", "smoker", "units"], file.Compiled!.Definition.Entries.Select(e => e.Id));
    }

    [Fact]
    public void EachCodedAnswer_IsAProposedEntry()
    {
        var q = TestFiles.LoadFixture(Fixture).Compiled!;
        var result = TestFiles.Session(q, """
            {"weight": 82.5, "smoker": "8392000", "units": 14, "no-code": "x", "exercise": true, "height": 180, "visits": [{"visit-date": "2026-01-02"}]}
            """).Result();
        Assert.Equal([("http://loinc.org", "29463-7", "82.5", "kg"), ("http://snomed.info/sct", "77176002", "Non-smoker", null), ("http://snomed.info/sct", "228958009", "14", null)],
            result.Entries.Select(e => (e.System, e.Code, Convert.ToString(e.Value, System.Globalization.CultureInfo.InvariantCulture), e.Unit)));
    }

    [Fact]
    public void UnansweredItems_ProposeNothing()
    {
        var q = TestFiles.LoadFixture(Fixture).Compiled!;
        Assert.Empty(TestFiles.Session(q, """{"height": 180}""").Result().Entries);
        Assert.Equal(["29463-7"], TestFiles.Session(q, """{"weight": 70}""").Result().Entries.Select(e => e.Code));
    }

    [Fact]
    public void TheEntries_AreExportedAsObservations()
    {
        var q = TestFiles.LoadFixture(Fixture).Compiled!;
        var result = TestFiles.Session(q, """{"weight": 82.5, "units": 14}""").Result();
        var bundle = FhirExport.Bundle(result, q, "Patient/example", new FixedClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)));
        Assert.Empty(Export.FhirValidation.Errors(bundle));
        using var doc = JsonDocument.Parse(bundle);
        var observations = doc.RootElement.GetProperty("entry").EnumerateArray().Skip(1).Select(e => e.GetProperty("resource")).ToList();
        Assert.Equal(["29463-7", "228958009"], observations.Select(o => o.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()));
        Assert.Equal(82.5m, observations[0].GetProperty("valueQuantity").GetProperty("value").GetDecimal());
        Assert.Equal("kg", observations[0].GetProperty("valueQuantity").GetProperty("code").GetString());
    }

    [Fact]
    public void Export_WritesTheExtensionBack_NotTheEntries()
    {
        var json = FhirExport.Questionnaire(TestFiles.LoadFixture(Fixture).Compiled!);
        Assert.DoesNotContain(EngineExtensions.Entry, json, StringComparison.Ordinal);
        Assert.Equal(4, json.Split("sdc-questionnaire-observationExtract").Length - 1);
    }
}
