namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// HE1540: a structured answer that no rule, value, check, entry or enable condition reads changes nothing but a
/// sentence; review_only says why that is intended, and a review_only that is not needed is HE1541.
/// </summary>
public class AnswerUseTests
{
    private static string File(string item, string rest = "") => $"""
        id: q
        version: 1.0.0
        items:
          - id: x
        {item}
          - id: readings
            type: group
            repeats: true
            items:
              - id: systolic
                type: integer
          - id: high_note
            type: text
            enable_when: any(readings, systolic >= 180)
        {rest}
        """;

    [Theory]
    [InlineData("boolean")]
    [InlineData("integer")]
    [InlineData("decimal")]
    [InlineData("date")]
    [InlineData("datetime")]
    public void StructuredAnswerNothingReads_IsHE1540(string type) =>
        Assert.Contains("HE1540", Questionnaires.Codes(File($"    type: {type}")));

    [Theory]
    [InlineData("text")]
    [InlineData("long_text")]
    public void FreeText_IsNeverWarnedAbout(string type) =>
        Assert.DoesNotContain("HE1540", Questionnaires.Codes(File($"    type: {type}") + "narrative: \"{{ x }}\"\n"));

    [Theory]
    [InlineData("rules:\n  - {id: r, when: x, level: routine, source: test}")]
    [InlineData("values:\n  - {name: v, expr: x}")]
    [InlineData("checks:\n  - {id: c, assert: x || true, message: m}")]
    [InlineData("entries:\n  - {system: s, code: c, display: d, when: x}")]
    [InlineData("entries:\n  - {system: s, code: c, display: d, value: x}")]
    public void ReadByARuleValueCheckOrEntry_IsNotWarned(string rest)
    {
        var codes = Questionnaires.Codes(File("    type: boolean", rest));
        Assert.DoesNotContain("HE1540", codes);
    }

    [Fact]
    public void ReadByAnEnableCondition_IsNotWarned() =>
        Assert.DoesNotContain("HE1540", Questionnaires.Codes(File("    type: boolean\n  - id: y\n    type: text\n    enable_when: x")));

    [Theory]
    [InlineData("narrative: \"Pregnant: {{ x }}\"")]
    [InlineData("rules:\n  - {id: r, when: count(readings) > 9, level: routine, clinician: \"{{ x }}\", source: test}")]
    public void ReadOnlyByText_StillWarns(string rest) =>
        Assert.Contains("HE1540", Questionnaires.Codes(File("    type: boolean", rest)));

    [Fact]
    public void ItemInARepeatingGroup_ReadThroughAnAggregate_IsNotWarned()
    {
        var diagnostics = Questionnaires.Load(File("    type: boolean\n    review_only: r")).Diagnostics;
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void ReviewOnlyWithAReason_SilencesIt_AndIsListed()
    {
        var file = Questionnaires.Load(File("    type: boolean\n    review_only: The GP reads it."));
        Assert.Empty(file.Diagnostics);
        var item = Assert.Single(file.ReviewOnlyItems());
        Assert.Equal(("x", "The GP reads it."), (item.Id, item.ReviewOnly));
    }

    [Fact]
    public void ModuleOnItsOwn_IsNotJudged_TheFileIncludingItIs()
    {
        using var folder = new TempFolder();
        folder.Write("m.yaml", "id: m\nversion: 1.0.0\nmodule: true\nitems:\n  - id: a\n    type: boolean\n  - id: b\n    type: boolean\n");
        var module = QuestionnaireFile.Load(Path.Combine(folder.Path, "m.yaml"));
        var twice = QuestionnaireFile.Load(folder.Write("q.yaml", """
            id: q
            version: 1.0.0
            items:
              - {id: one, include: m.yaml}
              - {id: two, include: m.yaml}
            rules:
              - {id: r, when: two.a, level: routine, source: test}
            """));

        Assert.Empty(module.Diagnostics);
        // 'a' is read through one inclusion, so it counts; 'b' is read through neither, and is reported once.
        var d = Assert.Single(twice.Diagnostics);
        Assert.Equal("HE1540", d.Code);
        Assert.Contains("'b'", d.Message, StringComparison.Ordinal);
        Assert.Contains("(included as one, two)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FhirQuestionnaire_IsNotJudged()
    {
        using var folder = new TempFolder();
        var file = QuestionnaireFile.Load(folder.Write("q.json", """
            {"resourceType": "Questionnaire", "status": "active", "item": [{"linkId": "smoker", "type": "boolean", "text": "Do you smoke?"}]}
            """));
        Assert.DoesNotContain(file.Diagnostics, d => d.Code == "HE1540");
    }
}
