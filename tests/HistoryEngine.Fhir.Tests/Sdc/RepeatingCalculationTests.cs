namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Issue 18.4: variables and calculatedExpression inside a repeating group are worked out for each instance
/// (%context is the instance); a calculation outside the group sees every instance.
/// </summary>
public sealed class RepeatingCalculationTests
{
    private const string Fixture = "repeating-calculations.json";

    [Fact]
    public void LoadsWithoutTheOldWarning()
    {
        var file = QuestionnaireFile.Load(TestFiles.Fixture(Fixture));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        Assert.Empty(file.Diagnostics);
    }

    [Fact]
    public void EachInstance_IsWorkedOutFromItsOwnAnswers()
    {
        var session = TestFiles.Session(TestFiles.LoadFixture(Fixture).Compiled!, """
            {"readings": [{"systolic": 150, "diastolic": 80}, {"systolic": 120, "diastolic": 80}, {"systolic": 170, "diastolic": 100}]}
            """);
        Assert.Equal([70m, 40m, 70m], Enumerable.Range(0, 3).Select(k => session.GetAnswer($"readings[{k}].pulse-pressure")));
        Assert.Equal([103.3m, 93.3m, 123.3m], Enumerable.Range(0, 3).Select(k => session.GetAnswer($"readings[{k}].mean-arterial")));
        Assert.Equal([true, false, true], Enumerable.Range(0, 3).Select(k => session.IsEnabledAt($"readings[{k}].wide")));
        // Outside the group: every instance.
        Assert.Equal(2m, session.GetAnswer("wide-count"));
        Assert.Equal(106.6m, session.GetAnswer("average-map"));
    }

    [Fact]
    public void ChangingOneInstance_UpdatesItAndWhatReadsAllOfThem()
    {
        var session = TestFiles.Session(TestFiles.LoadFixture(Fixture).Compiled!, """
            {"readings": [{"systolic": 150, "diastolic": 80}, {"systolic": 120, "diastolic": 80}]}
            """);
        Assert.Equal(1m, session.GetAnswer("wide-count"));
        session.SetAnswer("readings[1].systolic", 160);
        Assert.Equal(80m, session.GetAnswer("readings[1].pulse-pressure"));
        Assert.Equal(70m, session.GetAnswer("readings[0].pulse-pressure"));
        Assert.Equal(2m, session.GetAnswer("wide-count"));
        Assert.Equal(106.7m, session.GetAnswer("readings[1].mean-arterial"));
        Assert.Equal(105.0m, session.GetAnswer("average-map"));
    }

    [Fact]
    public void AnIncompleteInstance_HasNoValue_AndIsLeftOutOfTheAverage()
    {
        var session = TestFiles.Session(TestFiles.LoadFixture(Fixture).Compiled!, """
            {"readings": [{"systolic": 150}, {"systolic": 120, "diastolic": 90}]}
            """);
        Assert.Null(session.GetAnswer("readings[0].pulse-pressure"));
        Assert.Null(session.GetAnswer("readings[0].mean-arterial"));
        Assert.Equal(100m, session.GetAnswer("average-map"));
        Assert.Null(TestFiles.Session(TestFiles.LoadFixture(Fixture).Compiled!, "{}").GetAnswer("average-map"));
    }
}
