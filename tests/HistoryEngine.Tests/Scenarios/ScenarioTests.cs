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
    public void UnknownKeyInExpect_IsADiagnosticWithASuggestion()
    {
        var suite = Suite("""
            scenarios:
              - name: typo
                answers: {smoker: false}
                expect:
                  flgs: [heavy]
            """);
        var d = Assert.Single(suite.Diagnostics);
        Assert.Equal("HE1006", d.Code);
        Assert.Equal((5, 7), (d.Span.Line, d.Span.Column));
        Assert.Contains("did you mean 'flags'?", d.Message, StringComparison.Ordinal);
        Assert.Empty(suite.Files);
    }

    [Theory]
    [InlineData("    now: next tuesday\n", "HE1009")]
    [InlineData("    answer: {}\n", "HE1006")]
    [InlineData("    expect: {complete: perhaps}\n", "HE1009")]
    [InlineData("    expect: {errors: [{item: smoker}]}\n", "HE1007")]
    public void MistakeInAScenario_IsADiagnostic(string line, string code)
    {
        var suite = Suite("scenarios:\n  - name: x\n" + line);
        Assert.Equal(code, Assert.Single(suite.Diagnostics).Code);
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
        var suite = Suite($"scenarios:\n  - name: x\n    patient: {patient}\n");
        var d = Assert.Single(suite.Diagnostics);
        Assert.Equal((line, column), (d.Span.Line, d.Span.Column));
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }
}
