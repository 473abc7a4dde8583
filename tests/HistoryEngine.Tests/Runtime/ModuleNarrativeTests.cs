using HistoryEngine.Definitions;

namespace HistoryEngine.Tests.Runtime;

/// <summary><c>module.narrative</c>: a module's narrative is written once and rendered wherever it is included.</summary>
public sealed class ModuleNarrativeTests
{
    private const string Module = """
        id: pain
        version: 1.0.0
        module: true
        items:
          - {id: site, type: text}
        narrative: "pain at {{ site ?? 'an unknown site' }}"
        """;

    private static QuestionnaireFile Load(string narrative, string extra = "") => QuestionnaireFile.Load("q.yaml", new MemoryFiles([
        new("pain.yaml", Module),
        new("q.yaml", $"""
            id: q
            version: 1.0.0
            items:
              - {"{"}id: head, include: pain.yaml{"}"}
              - {"{"}id: back, include: pain.yaml{"}"}
              - id: meds
                type: group
                repeats: true
                items:
                  - {"{"}id: name, type: text{"}"}
            {extra}
            narrative: {System.Text.Json.JsonSerializer.Serialize(narrative)}
            """),
    ]));

    [Fact]
    public void ModuleNarrative_IsRenderedForEachInclusion_WithThatInclusionsAnswers()
    {
        var q = Load("{{ head.narrative }}; {{ back.narrative }}").Compiled!;
        var session = q.CreateSession();
        session.SetAnswer("head.site", "temple");
        Assert.Equal("pain at temple; pain at an unknown site", session.Result().Summary);
    }

    [Fact]
    public void ModuleNarrative_InsideALoop_LeavesTheLoopVariableIntact()
    {
        var q = Load("{{ for m in meds }}{{ m.name }} / {{ head.narrative }} / {{ m.name }}\n{{ end }}").Compiled!;
        var session = q.CreateSession();
        session.SetAnswer("meds[0].name", "aspirin");
        session.SetAnswer("meds[1].name", "ibuprofen");
        Assert.Equal("aspirin / pain at an unknown site / aspirin\nibuprofen / pain at an unknown site / ibuprofen", session.Result().Summary);
    }

    [Fact]
    public void ModuleNarrative_OutsideANarrative_IsALoadError()
    {
        var loaded = Load("x", "values:\n  - {name: v, expr: head.narrative}");
        Assert.Null(loaded.Compiled);
        Assert.Contains(loaded.Diagnostics, d => d.Code == "HE1303" && d.Message.Contains("head.narrative", StringComparison.Ordinal));
    }
}
