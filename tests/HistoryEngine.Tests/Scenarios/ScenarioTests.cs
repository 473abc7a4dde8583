using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Scenarios;

/// <summary>Scenario files: a wrong expectation fails saying what differs, a mistake in the file is a diagnostic.</summary>
public sealed class ScenarioTests : IDisposable
{
    private const string Questionnaire = """
        id: smoking
        version: 1.0.0
        items:
          - id: smoker
            type: boolean
            required: true
          - id: per_day
            type: integer
            max: 100
            enable_when: smoker
        values:
          - name: pack_years
            expr: per_day / 20
        rules:
          - id: heavy
            when: per_day >= 20
            level: routine
            clinician: Heavy smoker.
            source: NICE NG209
        entries:
          - system: http://snomed.info/sct
            code: "77176002"
            display: Smoker
            when: smoker
        narrative: "Smokes {{ per_day }} a day."
        """;

    private readonly TempFolder _folder = new();

    public ScenarioTests() => _folder.Write("smoking.yaml", Questionnaire);

    public void Dispose() => _folder.Dispose();

    private ScenarioSuite Suite(string scenarios)
    {
        _folder.Write("smoking.tests.yaml", scenarios);
        return ScenarioSuite.Discover([_folder.Path]);
    }

    [Fact]
    public void MatchingExpectations_Pass()
    {
        var suite = Suite("""
            scenarios:
              - name: heavy smoker
                answers: {smoker: true, per_day: 30}
                expect:
                  complete: true
                  enabled: [per_day]
                  missing: []
                  flags: [heavy]
                  values: {pack_years: 1.5}
                  entries: [{code: "77176002"}]
                  errors: []
                  summary: Smokes 30 a day.
                  summary_contains: [30 a day]
                  summary_excludes: [40]
            """);
        Assert.Empty(suite.Diagnostics);
        Assert.True(Assert.Single(suite.RunAll()).Passed);
    }

    [Fact]
    public void WrongExpectations_Fail_NamingEachDifference()
    {
        var suite = Suite("""
            scenarios:
              - name: light smoker
                answers: {smoker: true, per_day: 5}
                expect:
                  complete: false
                  disabled: [per_day, nonexistent]
                  flags: [heavy]
                  values: {pack_years: 1, nothing: 2}
                  entries: [{code: "77176002", value: 3}]
                  errors: [{item: per_day, code: HE2003}]
                  summary_contains: [20 a day]
            """);
        var outcome = Assert.Single(suite.RunAll());
        Assert.False(outcome.Passed);
        Assert.Equal(
        [
            "complete: expected false, got true",
            "expected 'per_day' to be disabled",
            "'nonexistent' is not an item",
            "flags: expected [heavy], got []",
            "there is no value 'nothing'",
            "value 'pack_years': expected 1, got 0.25",
            "entry 77176002: expected value 3, got null",
            "errors: expected [per_day HE2003], got []",
            "the summary does not contain \"20 a day\"; it reads:\nSmokes 5 a day.",
        ], outcome.Failures);
    }

    [Fact]
    public void UnknownKeyInExpect_FailsThatScenarioOnly_AtItsPosition()
    {
        var suite = Suite("""
            scenarios:
              - name: typo
                answers: {smoker: false}
                expect:
                  stoped: true
                  flags: [heavy]
              - name: fine
                answers: {smoker: true, per_day: 30}
                expect: {flags: [heavy]}
            """);
        Assert.Empty(suite.Diagnostics);
        var outcomes = suite.RunAll().ToList();
        var problem = Assert.Single(outcomes[0].Problems);
        Assert.Equal(("HE1006", 5, 7), (problem.Code, problem.Span.Line, problem.Span.Column));
        Assert.Contains("did you mean 'stopped'?", problem.Message, StringComparison.Ordinal);
        Assert.True(outcomes[1].Passed, string.Join("\n", outcomes[1].Failures));
    }

    [Theory]
    [InlineData("    now: next tuesday\n", "HE3007")]
    [InlineData("    answer: {}\n", "HE1006")]
    [InlineData("    expect: {complete: perhaps}\n", "HE1009")]
    [InlineData("    expect: {errors: [{item: smoker}]}\n", "HE1007")]
    [InlineData("    patient: {sex: femme}\n", "HE3004")]
    public void MistakeInAScenario_FailsIt_WithItsCode(string line, string code)
    {
        var suite = Suite("scenarios:\n  - name: x\n" + line);
        Assert.Empty(suite.Diagnostics);
        Assert.Equal(code, Assert.Single(Assert.Single(suite.RunAll()).Problems).Code);
    }

    /// <summary>Runs one scenario written under <c>scenarios:</c> and returns its problems.</summary>
    private IReadOnlyList<ScenarioFailure> Problems(string scenario)
    {
        var suite = Suite("scenarios:\n" + scenario);
        Assert.Empty(suite.Diagnostics);
        return Assert.Single(suite.RunAll()).Problems;
    }

    [Fact]
    public void FalseAlarmScenarioWithATypoInAnAnswer_Fails_AtTheAnswer_WithASuggestion()
    {
        var p = Assert.Single(Problems("""
              - name: a light smoker raises nothing
                answers:
                  smoker: true
                  per_dya: 30
                expect: {flags: []}
            """));
        Assert.Equal(("HE3005", 5, 7), (p.Code, p.Span.Line, p.Span.Column));
        Assert.Equal("the answer to 'per_dya' did not register: there is no question 'per_dya'; did you mean 'per_day'?", p.Message);
    }

    [Theory]
    [InlineData("{smoker: maybe}", "smoker", 15, "it was refused (HE2001: Select yes or no)")]
    [InlineData("{smoker: true, per_day: lots}", "per_day", 29, "it was refused (HE2001")]
    [InlineData("{smoker: true, per_day: 2.5}", "per_day", 29, "it was refused (HE2001: Enter a whole number")]
    [InlineData("{smoker: true, per_day: 250}", "per_day", 29, "it is kept, but counts nowhere until corrected (HE2003")]
    public void AnswerOfTheWrongTypeOrOutOfItsLimits_Fails_AtTheAnswer(string answers, string item, int column, string why)
    {
        var problems = Problems($"  - name: x\n    answers: {answers}\n    expect: {{flags: []}}\n");
        var p = Assert.Single(problems, x => x.Code == "HE3005");
        Assert.Contains($"the answer to '{item}' did not register: {why}", p.Message, StringComparison.Ordinal);
        Assert.Equal((3, column), (p.Span.Line, p.Span.Column));
    }

    [Fact]
    public void AnswerThatIsRefused_PassesWhenTheScenarioExpectsThatError()
    {
        Assert.Empty(Problems("  - name: x\n    answers: {smoker: true, per_day: 250}\n    expect: {errors: [{item: per_day, code: HE2003}]}\n"));
    }

    [Fact]
    public void OptionTheQuestionDoesNotHave_Fails()
    {
        _folder.Write("kinds.yaml", "id: kinds\nversion: 1.0.0\nitems:\n  - id: kind\n    type: choice\n    review_only: test\n    options: [{code: cigarettes}, {code: cigars}]\n");
        _folder.Write("kinds.tests.yaml", "scenarios:\n  - name: x\n    answers: {kind: pipe}\n");
        var suite = ScenarioSuite.Discover([Path.Combine(_folder.Path, "kinds.tests.yaml")]);
        var p = Assert.Single(Assert.Single(suite.RunAll()).Problems);
        Assert.Equal(("HE3005", 3, 15), (p.Code, p.Span.Line, p.Span.Column));
        Assert.Contains("HE2006", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerToAQuestionThatIsNotEnabled_Fails_UnlessTheScenarioListsItAsDisabled()
    {
        var p = Assert.Single(Problems("  - name: x\n    answers: {smoker: false, per_day: 30}\n    expect: {flags: []}\n"));
        Assert.Equal(("HE3006", 3, 30), (p.Code, p.Span.Line, p.Span.Column));
        Assert.Contains("the answer to 'per_day' counts nowhere", p.Message, StringComparison.Ordinal);
        Assert.Empty(Problems("  - name: x\n    answers: {smoker: false, per_day: 30}\n    expect: {flags: [], disabled: [per_day]}\n"));
    }

    [Fact]
    public void AnswerInsideARepeatingGroup_IsCheckedAtItsOwnLine()
    {
        _folder.Write("bp.yaml", "id: bp\nversion: 1.0.0\nitems:\n  - id: readings\n    type: group\n    repeats: true\n    items:\n      - id: systolic\n        type: integer\n        review_only: test\n");
        _folder.Write("bp.tests.yaml", "scenarios:\n  - name: x\n    answers:\n      readings:\n        - systolic: 150\n        - sistolic: 190\n");
        var suite = ScenarioSuite.Discover([Path.Combine(_folder.Path, "bp.tests.yaml")]);
        var p = Assert.Single(Assert.Single(suite.RunAll()).Problems);
        Assert.Equal(("HE3005", 6, 11), (p.Code, p.Span.Line, p.Span.Column));
        Assert.Contains("'readings[1].sistolic'", p.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'systolic'?", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10/03/2026", "write 2026-03-10 (10 March) or 2026-10-03 (3 October)")]
    [InlineData("25/03/2026 08:00", "write 2026-03-25T08:00 (25 March)")]
    [InlineData("2026-03-10T09:00+01:00", "UK local time as the patient sees it: write 2026-03-10T09:00")]
    [InlineData("March 10", "year-month-day, such as 2026-03-01T08:00")]
    public void NowThatIsNotIso_FailsTheScenario_ShowingTheIsoFormToUse(string now, string message)
    {
        var p = Assert.Single(Problems($"  - name: x\n    now: \"{now}\"\n"));
        Assert.Equal(("HE3007", 3, 10), (p.Code, p.Span.Line, p.Span.Column));
        Assert.Contains(message, p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuestionnaireThatDoesNotExist_IsHE3001()
    {
        var suite = Suite("questionnaire: nowhere.yaml\nscenarios: []\n");
        Assert.Equal("HE3001", Assert.Single(suite.Diagnostics).Code);
    }

    [Fact]
    public void QuestionnaireWithErrors_FailsEveryScenario_WithItsDiagnostics()
    {
        _folder.Write("smoking.yaml", "id: smoking\nversion: 1.0.0\nitems:\n  - id: smoker\n    type: boolan\n");
        var suite = Suite("scenarios:\n  - name: any\n    expect: {complete: true}\n");
        var failure = Assert.Single(Assert.Single(suite.RunAll()).Failures);
        Assert.Contains("HE1009", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Now_IsTheScenariosClock()
    {
        _folder.Write("dates.yaml", "id: dates\nversion: 1.0.0\nitems:\n  - id: born\n    type: date\nvalues:\n  - name: years\n    expr: age(born)\n");
        _folder.Write("dates.tests.yaml", """
            scenarios:
              - name: birthday
                now: 2026-03-01T08:00
                answers: {born: 2000-03-01}
                expect: {values: {years: 26}}
              - name: day before
                now: 2026-02-28T23:59
                answers: {born: 2000-03-01}
                expect: {values: {years: 25}}
            """);
        var suite = ScenarioSuite.Discover([Path.Combine(_folder.Path, "dates.tests.yaml")]);
        Assert.All(suite.RunAll(), o => Assert.True(o.Passed, string.Join("\n", o.Failures)));
    }

    [Fact]
    public void Patient_IsTheScenariosContext()
    {
        _folder.Write("ctx.yaml", "id: ctx\nversion: 1.0.0\nitems:\n  - id: x\n    type: boolean\nvalues:\n  - name: years\n    expr: patient.age\n  - name: female\n    expr: patient.sex == 'female'\n");
        _folder.Write("ctx.tests.yaml", """
            scenarios:
              - name: forty today
                now: 2026-03-08T09:00
                patient: {date_of_birth: 1986-03-08, sex: female}
                expect: {values: {years: 40, female: true}}
              - name: nothing known
                expect: {values: {years: null, female: null}}
            """);
        var suite = ScenarioSuite.Discover([Path.Combine(_folder.Path, "ctx.tests.yaml")]);
        Assert.Empty(suite.Diagnostics);
        Assert.All(suite.RunAll(), o => Assert.True(o.Passed, string.Join("\n", o.Failures)));
    }

    [Theory]
    [InlineData("{date_of_birth: 1986-03-08, sexx: female}", 3, 42, "did you mean 'sex'?")]
    [InlineData("{sex: femme}", 3, 20, "use female, male, other or unknown")]
    [InlineData("{age: 40}", 3, 15, "give date_of_birth instead")]
    [InlineData("{date_of_birth: 08/03/1986}", 3, 30, "is not a date of birth")]
    [InlineData("female", 3, 14, "must be a mapping")]
    public void Patient_Mistake_IsADiagnosticAtItsPosition(string patient, int line, int column, string message)
    {
        var d = Assert.Single(Problems($"  - name: x\n    patient: {patient}\n"));
        Assert.Equal((line, column), (d.Span.Line, d.Span.Column));
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }
}
