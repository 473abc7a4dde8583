using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// A module the patient did not choose raises nothing: its rules do not fire and its entries are not proposed while
/// the group that includes it is disabled, even those that read only the patient's context (a 55-year-old who chose
/// only menopause must not get the rectal-bleeding "aged 50 and over" flag).
/// </summary>
public sealed class DisabledModuleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public DisabledModuleTests()
    {
        _folder.Write("bowel.yaml", """
            id: bowel
            version: 1.0.0
            module: true
            items:
              - {id: bleeding, type: boolean, text: Any bleeding?}
            rules:
              - id: fifty-and-over
                when: patient.age >= 50
                level: soon
                patient: See your GP.
                source: test
            entries:
              - {id: age, system: http://loinc.org, code: 30525-0, display: Age, value: patient.age, min: 0, max: 130}
            """);
        _folder.Write("history.yaml", """
            id: history
            version: 1.0.0
            items:
              - {id: bowel_chosen, type: boolean, text: Bowel problems?}
              - id: bowel
                include: bowel.yaml
                enable_when: bowel_chosen == true
            """);
        _folder.Write("history.tests.yaml", """
            scenarios:
              - name: chosen, the age rule fires and the entry is proposed
                patient: {date_of_birth: 1960-01-01}
                answers: {bowel_chosen: true}
                expect: {flags: [bowel.fifty-and-over], entries: [{code: 30525-0, value: 66}]}
              - name: not chosen, nothing is raised or proposed
                patient: {date_of_birth: 1960-01-01}
                answers: {bowel_chosen: false}
                expect: {flags: [], entries: []}
            """);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ARuleOrEntryOfAModuleNotChosen_RaisesNothing()
    {
        var suite = ScenarioSuite.Discover([Path.Combine(_folder.Path, "history.tests.yaml")]);
        Assert.Empty(suite.Diagnostics);
        Assert.All(suite.RunAll(), o => Assert.True(o.Passed, string.Join('\n', o.Failures)));
    }

    [Fact]
    public void UnchoosingTheModule_TakesItsFlagAway()
    {
        var q = QuestionnaireFile.Load(Path.Combine(_folder.Path, "history.yaml"));
        Assert.NotNull(q.Compiled);
        var session = q.Compiled!.CreateSession(new FixedClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)),
            HistoryEngine.Runtime.PatientContext.None.With("date_of_birth", "1960-01-01", out _));
        session.SetAnswer("bowel_chosen", true);
        Assert.Equal(["bowel.fifty-and-over"], session.Result().Flags.Select(f => f.Rule));
        session.SetAnswer("bowel_chosen", false);
        Assert.Empty(session.Result().Flags);
    }
}
