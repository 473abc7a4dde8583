using System.Text.Json;
using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Issue 18.2: export writes back every SDC extension the importer reads (variables at questionnaire, group and
/// item level above all). Every questionnaire a test answers is also checked to give the same result JSON after
/// export and import, for every answer set (TestFiles.Session); these tests add what a result cannot show.
/// </summary>
public sealed class ExportTests
{
    public static TheoryData<string> Fixtures() =>
        [.. Directory.GetFiles(TestFiles.Fixtures, "*.json").Where(QuestionnaireLoader.IsQuestionnaireFile).Select(f => Path.GetFileName(f)!)
            .Where(f => f != "enablewhen-invalid.json").Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryFixture_ExportsValidR4_ThatReadsBackWithTheSameDiagnostics(string name)
    {
        var file = TestFiles.LoadFixture(name);
        var json = FhirExport.Questionnaire(file.Compiled!);
        // Export adds no error the validator finds (some fixtures break R4 on purpose, and keep doing so).
        static string What(string error) => error.Split(" @ ")[0];
        var before = Export.FhirValidation.Errors(File.ReadAllText(TestFiles.Fixture(name))).Select(What).ToHashSet();
        var added = Export.FhirValidation.Errors(json).Where(e => !before.Contains(What(e))).ToList();
        Assert.True(added.Count == 0, string.Join("\n", added));
        var back = TestFiles.LoadJson(json);
        Assert.True(back.Compiled is not null, TestFiles.Codes(back.Diagnostics));
        Assert.Equal(file.Compiled!.ItemIds, back.Compiled!.ItemIds);
        // The same warnings, less those about things only the original file had (and the unit options made one).
        Assert.Subset(file.Diagnostics.Select(d => d.Code).ToHashSet(), back.Diagnostics.Select(d => d.Code).ToHashSet());
    }

    [Fact]
    public void Variables_AreWrittenBack_WhereTheyWereDeclared()
    {
        using var doc = JsonDocument.Parse(FhirExport.Questionnaire(TestFiles.LoadFixture("weighted-score.json").Compiled!));
        static IEnumerable<string> Names(JsonElement node) => node.TryGetProperty("extension", out var extensions)
            ? extensions.EnumerateArray().Where(e => e.GetProperty("url").GetString() == FhirElements.Variable).Select(e => e.GetProperty("valueExpression").GetProperty("name").GetString()!)
            : [];
        var root = doc.RootElement;
        var group = root.GetProperty("item").EnumerateArray().Single(i => i.GetProperty("linkId").GetString() == "result");
        var total = group.GetProperty("item")[0];
        Assert.Equal(["weightUrl"], Names(root));
        Assert.Equal(["w1", "w2", "w3"], Names(group));
        Assert.Equal(["w4"], Names(total));
    }

    [Fact]
    public void OptionsAndTheirScores_AreWrittenAsTheQuestionnaireWroteThem()
    {
        var json = FhirExport.Questionnaire(TestFiles.LoadFixture("weighted-score.json").Compiled!);
        Assert.Contains(FhirPath.ItemWeightUrl, json, StringComparison.Ordinal);
        Assert.DoesNotContain(FhirPath.OrdinalValueUrl, json, StringComparison.Ordinal);
        var kinds = FhirExport.Questionnaire(TestFiles.LoadFixture("enablewhen-operators.json").Compiled!);
        Assert.Contains("\"valueString\":\"alpha\"", kinds, StringComparison.Ordinal);
        Assert.Contains("\"valueInteger\":2", kinds, StringComparison.Ordinal);
        var contained = FhirExport.Questionnaire(TestFiles.LoadFixture("ordinal-sum.json").Compiled!);
        Assert.Contains("\"answerValueSet\":\"#agreement\"", contained, StringComparison.Ordinal);
        Assert.Contains("\"contained\"", contained, StringComparison.Ordinal);
    }

    [Fact]
    public void R4NotEqual_IsWrittenBackAsR4NotEqual()
    {
        var json = FhirExport.Questionnaire(TestFiles.LoadFixture("enablewhen-operators.json").Compiled!);
        using var doc = JsonDocument.Parse(json);
        var target = doc.RootElement.GetProperty("item").EnumerateArray().SelectMany(g => g.TryGetProperty("item", out var i) ? i.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Single(i => i.GetProperty("linkId").GetString() == "c-not-b");
        var condition = Assert.Single(target.GetProperty("enableWhen").EnumerateArray());
        Assert.Equal("!=", condition.GetProperty("operator").GetString());
    }
}
