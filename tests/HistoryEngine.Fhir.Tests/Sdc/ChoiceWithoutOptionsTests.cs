using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Issue 18.3: choice and open-choice items without answerOption (R4 allows them) load with a warning and are asked
/// as free text; a value set beside the file gives its codes; a Coding option with a display and no code is kept.
/// </summary>
public sealed class ChoiceWithoutOptionsTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void EveryChoiceWithoutOptions_Loads_WithAWarningEach()
    {
        var file = QuestionnaireFile.Load(TestFiles.Fixture("choice-without-options.json"));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        Assert.Equal(["HE4053", "HE4053", "HE4054", "HE4053", "HE4053"], file.Diagnostics.Select(d => d.Code));
        ItemDefinition Item(string id) => file.Compiled!.GetItem(id)!.Definition;
        Assert.All(new[] { "medication", "other-symptom", "country", "dynamic", "on-medicine" }, id => Assert.Equal(ItemType.Text, Item(id).Type));
    }

    [Fact]
    public void AValueSetBesideTheFile_GivesItsCodes()
    {
        var q = TestFiles.LoadFixture("choice-without-options.json").Compiled!;
        Assert.Equal(["head", "chest", "leg"], q.GetItem("site")!.Definition.Options.Select(o => o.Code));
        Assert.Contains(q.Definition.SourceFiles, f => f.RelativePath == "ValueSet-he-fixture-sites.json");
        Assert.Equal("HE2006", Assert.Single(TestFiles.Session(q, """{"site": "arm"}""").Result().Errors).Code);
    }

    [Fact]
    public void FreeTextAnswers_AreKept_AndExportedAsTheirFhirTypes()
    {
        var q = TestFiles.LoadFixture("choice-without-options.json").Compiled!;
        var session = TestFiles.Session(q, """{"medication": "ramipril", "other-symptom": "itchy feet", "country": "GB", "site": "chest", "side": "Left"}""");
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.Equal("yes", session.GetAnswer("on-medicine"));
        Assert.True(session.IsEnabled("left-note"));
        var response = FhirExport.QuestionnaireResponse(result, q, "Patient/example", Clock);
        Assert.Empty(Export.FhirValidation.Errors(response));
        using var doc = JsonDocument.Parse(response);
        JsonElement Answer(string linkId) => doc.RootElement.GetProperty("item").EnumerateArray().Single(i => i.GetProperty("linkId").GetString() == linkId).GetProperty("answer")[0];
        Assert.Equal("ramipril", Answer("medication").GetProperty("valueCoding").GetProperty("code").GetString());
        Assert.Equal("itchy feet", Answer("other-symptom").GetProperty("valueString").GetString());
        var side = Answer("side").GetProperty("valueCoding");
        Assert.Equal("Left", side.GetProperty("display").GetString());
        Assert.False(side.TryGetProperty("code", out _));
        // And the response reads back as the same answers.
        var read = FhirResponseReader.Read("r.json", response, q);
        Assert.Empty(read.Diagnostics);
        Assert.Contains("\"side\":\"Left\"", read.AnswersJson, StringComparison.Ordinal);
    }
}
