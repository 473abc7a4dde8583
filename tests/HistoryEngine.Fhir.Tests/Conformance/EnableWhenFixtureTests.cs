namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>
/// enableWhen in the project's own fixtures: every operator against every answer type (enablewhen-operators.json),
/// conditions across nested groups and inside a repeating group (enablewhen-nested.json).
/// </summary>
public sealed class EnableWhenFixtureTests
{
    private static Runtime.Session Run(string fixture, string answers) => TestFiles.Session(TestFiles.LoadFixture(fixture).Compiled!, answers);

    [Theory]
    [InlineData("{}", "b-exists", false)]
    [InlineData("""{"b": false}""", "b-exists", true)]
    [InlineData("{}", "b-not-exists", true)]
    [InlineData("""{"b": true}""", "b-not-exists", false)]
    [InlineData("""{"b": true}""", "b-true", true)]
    [InlineData("""{"b": false}""", "b-true", false)]
    [InlineData("""{"b": false}""", "b-false", true)]
    [InlineData("{}", "b-false", false)]
    [InlineData("""{"b": false}""", "b-not-true", true)]
    [InlineData("""{"b": true}""", "b-not-true", false)]
    [InlineData("""{"n": 0}""", "n-exists", true)]
    [InlineData("""{"n": 2.5}""", "n-eq", true)]
    [InlineData("""{"n": 2.4}""", "n-eq", false)]
    [InlineData("""{"n": 2.5}""", "n-ge", true)]
    [InlineData("""{"n": 2.49}""", "n-ge", false)]
    [InlineData("""{"n": 2.49}""", "n-lt", true)]
    [InlineData("""{"n": 2.5}""", "n-lt", false)]
    [InlineData("""{"n": 3}""", "n-ne", true)]
    [InlineData("{}", "n-ne", true)] // R5's reading of '!=' (docs/fhir.md)
    [InlineData("{}", "i-ne", true)]
    [InlineData("{}", "s-ne", true)]
    [InlineData("{}", "m-not-b", true)]
    [InlineData("{}", "c-not-b", true)]
    [InlineData("{}", "b-not-true", true)]
    [InlineData("""{"n": 2.5}""", "n-ne", false)]
    [InlineData("""{"i": 3}""", "i-eq", true)]
    [InlineData("""{"i": 4}""", "i-gt", true)]
    [InlineData("""{"i": 3}""", "i-gt", false)]
    [InlineData("""{"i": 3}""", "i-le", true)]
    [InlineData("""{"i": 4}""", "i-le", false)]
    [InlineData("""{"i": 2}""", "i-ne", true)]
    [InlineData("""{"i": 3}""", "i-ne", false)]
    [InlineData("""{"d": "2020-01-15"}""", "d-eq", true)]
    [InlineData("""{"d": "2020-01-15"}""", "d-ge", true)]
    [InlineData("""{"d": "2020-01-14"}""", "d-ge", false)]
    [InlineData("""{"d": "2020-01-14"}""", "d-lt", true)]
    [InlineData("""{"dt": "2020-01-15T09:00"}""", "dt-exists", true)]
    [InlineData("""{"dt": "2020-01-15T10:01"}""", "dt-gt", true)]
    [InlineData("""{"dt": "2020-01-15T10:00"}""", "dt-gt", false)]
    [InlineData("{}", "t-not-exists", true)]
    [InlineData("""{"t": "14:30:00"}""", "t-not-exists", false)]
    [InlineData("""{"t": "14:30:00"}""", "t-eq", true)]
    [InlineData("""{"t": "14:30:00"}""", "t-gt", true)]
    [InlineData("""{"t": "11:59:59"}""", "t-gt", false)]
    [InlineData("""{"s": "yes"}""", "s-eq", true)]
    [InlineData("""{"s": "Yes"}""", "s-eq", false)]
    [InlineData("""{"s": "no"}""", "s-ne", true)]
    [InlineData("""{"s": "yes"}""", "s-ne", false)]
    [InlineData("""{"s": "n"}""", "s-gt", true)]
    [InlineData("""{"s": "m"}""", "s-gt", false)]
    [InlineData("""{"s": "m"}""", "s-le", true)]
    [InlineData("""{"s": "z"}""", "s-le", false)]
    [InlineData("""{"m": []}""", "m-exists", false)]
    [InlineData("""{"m": ["a"]}""", "m-exists", true)]
    [InlineData("""{"m": ["a", "b"]}""", "m-b", true)]
    [InlineData("""{"m": ["a", "c"]}""", "m-b", false)]
    [InlineData("""{"m": ["b"]}""", "m-b-and-c", false)]
    [InlineData("""{"m": ["c", "b"]}""", "m-b-and-c", true)]
    [InlineData("""{"m": ["c"]}""", "m-b-or-c", true)]
    [InlineData("""{"m": ["a"]}""", "m-b-or-c", false)]
    [InlineData("""{"m": ["a", "c"]}""", "m-not-b", true)]
    [InlineData("""{"m": ["a", "b"]}""", "m-not-b", false)]
    [InlineData("""{"c": "b"}""", "c-b", true)]
    [InlineData("""{"c": "a"}""", "c-b", false)]
    [InlineData("""{"c": "a"}""", "c-not-b", true)]
    [InlineData("""{"c": "b"}""", "c-not-b", false)]
    [InlineData("""{"cs": "alpha"}""", "cs-alpha", true)]
    [InlineData("""{"cs": "beta"}""", "cs-alpha", false)]
    [InlineData("""{"ci": "2"}""", "ci-2", true)]
    [InlineData("""{"ci": "1"}""", "ci-2", false)]
    [InlineData("{}", "group-answered", false)]
    [InlineData("""{"i": 0}""", "group-answered", true)]
    [InlineData("""{"s": "yes", "i": 2}""", "expression", true)]
    [InlineData("""{"s": "yes", "i": 1}""", "expression", false)]
    [InlineData("""{"s": "yes"}""", "expression", false)]
    [InlineData("""{"b": true, "i": 4}""", "mixed", true)]
    [InlineData("""{"b": true, "i": 3}""", "mixed", false)]
    [InlineData("""{"i": 4}""", "mixed", false)]
    public void Operator_OnEachAnswerType(string answers, string target, bool enabled) =>
        Assert.Equal(enabled, Run("enablewhen-operators.json", answers).IsEnabled(target));

    [Theory]
    [InlineData("i-eq")]
    [InlineData("n-lt")]
    [InlineData("d-lt")]
    [InlineData("dt-gt")]
    [InlineData("t-eq")]
    [InlineData("s-le")]
    [InlineData("m-b")]
    [InlineData("c-b")]
    [InlineData("cs-alpha")]
    public void Unanswered_Question_MeetsNoComparison(string target) => Assert.False(Run("enablewhen-operators.json", "{}").IsEnabled(target));

    [Theory]
    [InlineData("""{"symptom": "fever"}""", "cough-details", false)]
    [InlineData("""{"symptom": "cough"}""", "cough-details", true)]
    [InlineData("""{"symptom": "cough", "cough-days": 7}""", "cough-blood", false)]
    [InlineData("""{"symptom": "cough", "cough-days": 8}""", "cough-blood", true)]
    [InlineData("""{"symptom": "cough", "cough-days": 8, "cough-blood": true}""", "blood-amount", true)]
    [InlineData("""{"symptom": "cough", "cough-days": 8, "cough-blood": true, "blood-amount": "cupful"}""", "urgent-note", true)]
    // The answers below the cough are kept but disabled once the main symptom changes: the note goes with them.
    [InlineData("""{"symptom": "fever", "cough-days": 8, "cough-blood": true, "blood-amount": "cupful"}""", "urgent-note", false)]
    [InlineData("""{"symptom": "cough", "cough-days": 5, "cough-blood": true, "blood-amount": "cupful"}""", "urgent-note", false)]
    [InlineData("""{"symptom": "cough", "cough-days": 3}""", "no-cough-days", false)]
    [InlineData("""{"symptom": "fever", "cough-days": 3}""", "no-cough-days", true)]
    [InlineData("""{"pet": true, "pets": 3}""", "many-pets", true)]
    [InlineData("""{"pet": true, "pets": 2}""", "many-pets", false)]
    [InlineData("""{"pet": false, "pets": 3}""", "many-pets", false)]
    [InlineData("""{"pet": false, "symptom": "fever"}""", "pet-or-fever", true)]
    [InlineData("""{"pet": false, "symptom": "cough"}""", "pet-or-fever", false)]
    public void Nested_AndAcrossGroups(string answers, string target, bool enabled) =>
        Assert.Equal(enabled, Run("enablewhen-nested.json", answers).IsEnabled(target));

    [Fact]
    public void InsideARepeatingGroup_EachInstanceFollowsItsOwnAnswers()
    {
        var session = Run("enablewhen-nested.json", """
            {"episodes": [{"episode-type": "mild"}, {"episode-type": "severe", "episode-hospital": true, "episode-nights": 2},
                          {"episode-type": "severe", "episode-hospital": false}]}
            """);
        Assert.False(session.IsEnabledAt("episodes[0].episode-hospital"));
        Assert.True(session.IsEnabledAt("episodes[1].episode-hospital"));
        Assert.True(session.IsEnabledAt("episodes[1].episode-nights"));
        Assert.True(session.IsEnabledAt("episodes[2].episode-hospital"));
        Assert.False(session.IsEnabledAt("episodes[2].episode-nights"));
        Assert.Empty(session.Result().Errors);
    }
}
