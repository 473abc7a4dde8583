using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Scenarios;

/// <summary>
/// <c>threshold:</c> and <c>under:</c> marks: a scenario that says it sits at a rule's threshold fails when the rule
/// does not fire, one that says it sits just under fails when it does, and a rule nobody marks is reported.
/// </summary>
public sealed class ScenarioThresholdTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ScenarioThresholdTests() => _folder.Write("temp.yaml", """
        id: temp
        version: 1.0.0
        items:
          - {id: temperature, type: decimal, min: 30, max: 45}
        rules:
          - id: fever
            when: temperature >= 38
            level: soon
            patient: You have a fever.
            source: test
        """);

    public void Dispose() => _folder.Dispose();

    private ScenarioSuite Suite(string scenarios)
    {
        _folder.Write("temp.tests.yaml", "scenarios:\n" + scenarios);
        var suite = ScenarioSuite.Discover([_folder.Path]);
        Assert.Empty(suite.Diagnostics);
        return suite;
    }

    [Fact]
    public void MarksThatHold_Pass_AndLeaveNoRuleUntested()
    {
        var suite = Suite("""
              - {name: at 38, threshold: fever, answers: {temperature: 38}}
              - {name: at 37.9, under: [fever], answers: {temperature: 37.9}}
            """);
        Assert.All(suite.RunAll(), o => Assert.Empty(o.Failures));
        Assert.Empty(suite.ThresholdCoverage());
    }

    [Fact]
    public void AThresholdScenarioWhoseRuleDoesNotFire_Fails_EvenWithoutExpectedFlags()
    {
        var outcome = Assert.Single(Suite("""
              - {name: at 37.9, threshold: fever, answers: {temperature: 37.9}}
            """).RunAll());
        Assert.Equal("this scenario is at the threshold of 'fever', but 'fever' did not fire", Assert.Single(outcome.Failures));
    }

    [Fact]
    public void AnUnderScenarioWhoseRuleFires_Fails()
    {
        var outcome = Assert.Single(Suite("""
              - {name: at 38, under: fever, answers: {temperature: 38}}
            """).RunAll());
        Assert.Equal("this scenario is just under the threshold of 'fever', but 'fever' fired", Assert.Single(outcome.Failures));
    }

    [Fact]
    public void AMarkNamingNoRule_Fails()
    {
        var outcome = Assert.Single(Suite("""
              - {name: typo, threshold: fevr, answers: {temperature: 38}}
            """).RunAll());
        Assert.Equal("'fevr' is not a rule of temp", Assert.Single(outcome.Failures));
    }

    [Fact]
    public void ARuleWithoutAnUnderScenario_IsReportedAtTheRule()
    {
        var suite = Suite("""
              - {name: at 38, threshold: fever, answers: {temperature: 38}}
            """);
        var warning = Assert.Single(suite.ThresholdCoverage());
        Assert.Equal("HE3009", warning.Code);
        Assert.False(warning.IsError);
        Assert.Equal((6, 5), (warning.Span.Line, warning.Span.Column));
    }

    [Fact]
    public void AQuestionnaireWithRulesAndNoScenarioFile_HasEveryRuleReported()
    {
        var suite = ScenarioSuite.Discover([_folder.Path]);
        Assert.Equal(["HE3008", "HE3009"], suite.ThresholdCoverage().Select(d => d.Code));
    }
}
