namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// symptom_now: a marked answer must make some rule certain to fire whatever every other answer is, unanswered
/// included. A rule that only fires when another answer is given, missing, or has some value does not count.
/// </summary>
public class SymptomNowTests
{
    private static string File(string when, string values = "") => $$"""
        id: q
        version: 1.0.0
        items:
          - id: symptoms
            type: multiple_choice
            options:
              - {code: chest-pain, symptom_now: true}
              - {code: cough}
              - {code: none, exclusive: true}
          - id: pain
            type: choice
            options:
              - {code: now}
              - {code: before}
          - id: safe
            type: boolean
          - id: systolic
            type: integer
          - id: born
            type: date
        {{values}}
        rules:
          - id: r
            when: {{when}}
            level: emergency
            source: test fixture
        """;

    [Theory]
    [InlineData("contains(symptoms, 'chest-pain')")]
    [InlineData("contains_any(symptoms, 'cough', 'chest-pain')")]
    [InlineData("contains(symptoms, 'chest-pain') || systolic >= 180")]
    [InlineData("systolic >= 180 || contains(symptoms, 'chest-pain')")]
    [InlineData("contains(symptoms, 'chest-pain') && (systolic > 0 || true)")]
    [InlineData("answered(symptoms) && contains(symptoms, 'chest-pain')")]
    [InlineData("\"(contains(symptoms, 'chest-pain') ? 1 : 0) + 1 == 2\"")]
    public void RuleCertainOnTheAnswerAlone_Passes(string when) =>
        Assert.Empty(Errors(File(when)));

    /// <summary>The error codes only: the fixture's other answers are read by nothing, which is a warning here.</summary>
    private static IReadOnlyList<string> Errors(string yaml) => [.. Questionnaires.Load(yaml).Diagnostics.Where(d => d.IsError).Select(d => d.Code)];

    [Theory]
    [InlineData("contains(symptoms, 'chest-pain') && systolic >= 180")]      // the bp-check defect
    [InlineData("contains(symptoms, 'chest-pain') && !answered(systolic)")]  // true only while systolic is unanswered
    [InlineData("contains(symptoms, 'chest-pain') && (systolic ?? 0) < 180")] // a default is not a fact
    [InlineData("contains(symptoms, 'chest-pain') && !contains(symptoms, 'cough')")] // the patient may tick cough too
    [InlineData("contains(symptoms, 'chest-pain') && count_answered(systolic, born) == 0")]
    [InlineData("contains(symptoms, 'chest-pain') && days_between(born, today()) > 0")]
    [InlineData("contains(symptoms, 'chest-pain') && patient.age >= 18")]   // the context may be unknown
    [InlineData("contains(symptoms, 'cough')")]
    [InlineData("systolic >= 180")]
    public void RuleThatAlsoNeedsAnythingElse_IsHE1142(string when) =>
        Assert.Equal(["HE1142"], Errors(File(when)));

    [Fact]
    public void ThroughAValue_IsFollowed()
    {
        var values = "values:\n  - name: red_flag\n    expr: contains_any(symptoms, 'chest-pain', 'cough')\n";
        Assert.Empty(Errors(File("red_flag", values)));
        Assert.Equal(["HE1142"], Errors(File("red_flag && systolic >= 180", values)));
    }

    [Theory]
    [InlineData("yes", "safe", true)]
    [InlineData("yes", "safe == true", true)]
    [InlineData("yes", "!safe", false)]
    [InlineData("no", "safe == false", true)]
    [InlineData("no", "!safe", true)]
    [InlineData("no", "safe", false)]
    public void YesNoQuestion_TheMarkedAnswerMustDecide(string answer, string when, bool passes)
    {
        var yaml = File($"contains(symptoms, 'chest-pain') || {when}").Replace("  - id: safe\n    type: boolean\n",
            $"  - id: safe\n    type: boolean\n    symptom_now: {answer}\n", StringComparison.Ordinal);
        Assert.Equal(passes ? [] : new[] { "HE1142" }, Errors(yaml));
    }

    [Theory]
    [InlineData("pain == 'now'", true)]
    [InlineData("pain != 'before'", true)]
    [InlineData("pain == 'before'", false)]
    public void SingleChoiceOption_IsThatCode(string when, bool passes)
    {
        var yaml = File($"contains(symptoms, 'chest-pain') || {when}").Replace("- {code: now}", "- {code: now, symptom_now: true}", StringComparison.Ordinal);
        Assert.Equal(passes ? [] : new[] { "HE1142" }, Errors(yaml));
    }

    [Fact]
    public void ItemInAModule_IsJudgedWithTheRulesOfTheWholeQuestionnaire_NotOnItsOwn()
    {
        using var folder = new TempFolder();
        folder.Write("m.yaml", "id: m\nversion: 1.0.0\nmodule: true\nitems:\n  - id: now\n    type: boolean\n    symptom_now: yes\n");
        var module = QuestionnaireFile.Load(Path.Combine(folder.Path, "m.yaml"));
        var including = QuestionnaireFile.Load(folder.Write("q.yaml",
            "id: q\nversion: 1.0.0\nitems:\n  - id: m\n    include: m.yaml\nrules:\n  - id: r\n    when: m.now\n    level: emergency\n    source: test fixture\n"));
        var without = QuestionnaireFile.Load(folder.Write("bare.yaml", "id: bare\nversion: 1.0.0\nitems:\n  - id: m\n    include: m.yaml\n"));

        Assert.Empty(module.Diagnostics);
        Assert.Empty(including.Diagnostics);
        var d = Assert.Single(without.Diagnostics, x => x.Code == "HE1142");
        Assert.EndsWith("m.yaml", d.Span.File, StringComparison.Ordinal);
        Assert.Contains("'m.now'", d.Message, StringComparison.Ordinal);
    }
}
