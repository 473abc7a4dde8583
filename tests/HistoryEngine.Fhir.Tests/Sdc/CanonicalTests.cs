using System.Text.Json;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Issue 18.6: a response names its questionnaire by the source's own canonical, with |version only when the
/// source has a version, and by nothing made up when the source has no url; the exported Questionnaire likewise.
/// </summary>
public sealed class CanonicalTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static JsonElement Response(Runtime.CompiledQuestionnaire q)
    {
        var json = FhirExport.QuestionnaireResponse(TestFiles.Session(q, "{}").Result(), q, "Patient/example", Clock);
        Assert.Empty(Export.FhirValidation.Errors(json));
        return JsonDocument.Parse(json).RootElement;
    }

    private static JsonElement Exported(Runtime.CompiledQuestionnaire q) => JsonDocument.Parse(FhirExport.Questionnaire(q)).RootElement;

    private static Runtime.CompiledQuestionnaire Fhir(string urlAndVersion) => TestFiles.Compile($$"""
        {"resourceType": "Questionnaire", "id": "q1", {{urlAndVersion}} "status": "active", "item": [{"linkId": "a", "type": "boolean", "text": "A"}]}
        """);

    [Fact]
    public void WithUrlAndVersion_TheCanonicalHasBoth()
    {
        var q = Fhir("""  "url": "http://example.org/Questionnaire/q1", "version": "2.1", """);
        Assert.Equal("http://example.org/Questionnaire/q1|2.1", Response(q).GetProperty("questionnaire").GetString());
        Assert.Equal("2.1", Exported(q).GetProperty("version").GetString());
    }

    [Fact]
    public void WithAUrlButNoVersion_TheCanonicalIsTheUrlAlone()
    {
        var q = Fhir("""  "url": "http://example.org/Questionnaire/q1", """);
        Assert.Equal("http://example.org/Questionnaire/q1", Response(q).GetProperty("questionnaire").GetString());
        Assert.False(Exported(q).TryGetProperty("version", out _));
    }

    [Fact]
    public void WithoutAUrl_NoCanonicalIsMadeUp()
    {
        var q = Fhir("");
        Assert.False(Response(q).TryGetProperty("questionnaire", out _));
        var exported = Exported(q);
        Assert.False(exported.TryGetProperty("url", out _));
        Assert.False(exported.TryGetProperty("version", out _));
    }

    [Fact]
    public void ANativeQuestionnaire_IsNamedByTheUrlItsExportGets_WithItsVersion()
    {
        var q = QuestionnaireFile.Load(Path.Combine(TestFiles.Questionnaires, "phq9.yaml")).Compiled!;
        var canonical = Response(q).GetProperty("questionnaire").GetString();
        Assert.Equal(Exported(q).GetProperty("url").GetString() + "|" + q.Version, canonical);
    }

    [Fact]
    public void AResponseWithTheSourcesCanonical_ReadsBackWithoutAWarning()
    {
        var q = Fhir("""  "url": "http://example.org/Questionnaire/q1", """);
        var json = FhirExport.QuestionnaireResponse(TestFiles.Session(q, """{"a": true}""").Result(), q, null, Clock);
        Assert.Empty(FhirResponseReader.Read("r.json", json, q).Diagnostics);
    }
}
