using System.Text.Json;
using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// An entry with several codings of the same thing is one proposed entry, whose primary coding (the first) is its
/// system, code and display, and the result JSON lists every coding; the one-coding form still works the same.
/// </summary>
public sealed class EntryCodingsTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: scores
        version: 1.0.0
        items:
          - {id: total, type: integer, min: 0, max: 27}
          - {id: item9, type: integer, min: 0, max: 3}
        entries:
          - id: total
            codings:
              - {system: http://snomed.info/sct, code: "720433000", display: Patient Health Questionnaire Nine Item score}
              - {system: http://loinc.org, code: 44261-6, display: PHQ-9 total score}
            value: total
            unit: "{score}"
          - system: http://loinc.org
            code: 44260-8
            display: PHQ-9 item 9 score
            value: item9
        """);

    [Fact]
    public void SeveralCodings_AreOneEntry_WithThePrimaryFirst()
    {
        var entries = Questionnaires.Start(Q, """{"total": 12, "item9": 0}""").Result().Entries;
        Assert.Equal(2, entries.Count);
        var total = entries[0];
        Assert.Equal(("http://snomed.info/sct", "720433000", "Patient Health Questionnaire Nine Item score"), (total.System, total.Code, total.Display));
        Assert.Equal(12m, total.Value);
        Assert.Equal(
            [new EntryCoding("http://snomed.info/sct", "720433000", "Patient Health Questionnaire Nine Item score"),
             new EntryCoding("http://loinc.org", "44261-6", "PHQ-9 total score")],
            total.Codings);
        Assert.Equal([new EntryCoding("http://loinc.org", "44260-8", "PHQ-9 item 9 score")], entries[1].Codings);
    }

    [Fact]
    public void ResultJson_KeepsThePrimaryFields_AndAddsEveryCoding()
    {
        var json = ResultJson.Write(Questionnaires.Start(Q, """{"total": 12, "item9": 1}""").Result());
        var entries = JsonDocument.Parse(json).RootElement.GetProperty("entries").EnumerateArray().ToList();
        var total = entries[0];
        Assert.Equal("http://snomed.info/sct", total.GetProperty("system").GetString());
        Assert.Equal("720433000", total.GetProperty("code").GetString());
        Assert.Equal("Patient Health Questionnaire Nine Item score", total.GetProperty("display").GetString());
        Assert.Equal(12, total.GetProperty("value").GetInt32());
        Assert.Equal("{score}", total.GetProperty("unit").GetString());
        Assert.Equal(["720433000", "44261-6"], total.GetProperty("codings").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(["http://snomed.info/sct", "http://loinc.org"], total.GetProperty("codings").EnumerateArray().Select(c => c.GetProperty("system").GetString()));
        Assert.Equal("PHQ-9 total score", total.GetProperty("codings")[1].GetProperty("display").GetString());
        // The one-coding form lists its one coding.
        var item9 = Assert.Single(entries[1].GetProperty("codings").EnumerateArray());
        Assert.Equal(("http://loinc.org", "44260-8", "PHQ-9 item 9 score"),
            (item9.GetProperty("system").GetString(), item9.GetProperty("code").GetString(), item9.GetProperty("display").GetString()));
    }

    [Fact]
    public void EntryWithoutAValue_IsNotProposed_InEitherForm()
    {
        Assert.Empty(Questionnaires.Start(Q).Result().Entries);
    }

    [Fact]
    public void Definition_KeepsEveryCodingWithWhereItsCodeIsWritten()
    {
        var total = Q.Definition.Entries[0];
        Assert.Equal(["720433000", "44261-6"], total.Codings.Select(c => c.Code));
        Assert.Equal([9, 10], total.Codings.Select(c => c.Span.Line));
        var single = Assert.Single(Q.Definition.Entries[1].Codings);
        Assert.Equal(("44260-8", 14), (single.Code, single.Span.Line));
    }
}
