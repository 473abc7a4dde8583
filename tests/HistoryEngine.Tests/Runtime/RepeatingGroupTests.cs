using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>Repeating groups: instance paths, adding and removing instances, counts, per-instance conditions and checks.</summary>
public class RepeatingGroupTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: diary
        version: 1.0.0
        items:
          - id: readings
            type: group
            repeats: true
            min_count: 2
            max_count: 3
            items:
              - id: systolic
                type: integer
                min: 50
                max: 300
                required: true
              - id: diastolic
                type: integer
                required: true
              - id: notes
                type: text
                enable_when: systolic >= 180
          - id: visits
            type: group
            repeats: true
            items:
              - id: place
                type: text
              - id: doses
                type: group
                repeats: true
                items:
                  - id: mg
                    type: integer
        values:
          - name: n
            expr: count(readings)
          - name: high
            expr: count(readings, systolic >= 140)
          - name: top
            expr: max(readings, systolic)
          - name: total_mg
            expr: sum(visits, sum(doses, mg))
          - name: busy_visits
            expr: count(visits, count(doses) >= 2)
        checks:
          - id: lower
            item: diastolic
            assert: diastolic < systolic
            message: The bottom number should be lower than the top number ({{ systolic }}).
        rules:
          - id: severe
            when: any(readings, systolic >= 180)
            level: urgent
            source: NICE NG136
        """);

    private const string TwoReadings = """{"readings": [{"systolic": 150, "diastolic": 90}, {"systolic": 185, "diastolic": 95}]}""";

    [Fact]
    public void InstancePaths_SetAndReadOneField()
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        session.SetAnswer("readings[1].systolic", 120);
        Assert.Equal(120m, session.GetAnswer("readings[1].systolic"));
        Assert.Equal(150m, session.GetAnswer("readings[0].systolic"));
        Assert.Equal(150m, session.Result().Values["top"]);
        Assert.Empty(session.Result().Flags);
    }

    [Fact]
    public void InstancePath_OneBeyondTheEnd_AddsAnInstance()
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        session.SetAnswer("readings[2].systolic", 200);
        Assert.Equal(3, session.InstanceCount("readings"));
        Assert.Equal(3m, session.Result().Values["n"]);
    }

    [Theory]
    [InlineData("readings[5].systolic")]
    [InlineData("readings[-1].systolic")]
    [InlineData("readings[x].systolic")]
    [InlineData("readings[0]")]
    [InlineData("readings[0].nothing")]
    [InlineData("systolic")]
    [InlineData("readings.systolic")]
    public void BadInstancePath_IsHE2008(string path)
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        session.SetAnswer(path, 100);
        var error = Assert.Single(session.Result().Errors);
        Assert.Equal(("HE2008", path), (error.Code, error.Path));
    }

    [Fact]
    public void ReadingAPath_DoesNotAddAnInstance()
    {
        var session = Questionnaires.Start(Q);
        Assert.Null(session.GetAnswer("readings[0].systolic"));
        Assert.False(session.IsEnabledAt("readings[0].systolic"));
        Assert.Equal(0, session.InstanceCount("readings"));
        Assert.Equal(0m, session.Result().Values["n"]);
    }

    [Theory]
    [InlineData("readings[2].nothing")]
    [InlineData("readings[2]")]
    [InlineData("visits[0].doses[1].mg")]
    public void BadInstancePath_DoesNotAddAnInstance(string path)
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        session.SetAnswer(path, 100);
        Assert.Equal(2, session.InstanceCount("readings"));
        Assert.Equal(0, session.InstanceCount("visits"));
        Assert.Equal(2m, session.Result().Values["n"]);
    }

    [Fact]
    public void AddInstance_AppendsAnEmptyInstance_UpToMaxCount()
    {
        var session = Questionnaires.Start(Q);
        Assert.Equal(0, session.AddInstance("readings"));
        Assert.Equal(1, session.AddInstance("readings"));
        Assert.Equal(2, session.AddInstance("readings"));
        Assert.Equal(-1, session.AddInstance("readings"));
        Assert.Equal(3, session.InstanceCount("readings"));
        Assert.Equal(3m, session.Result().Values["n"]);
        Assert.Equal(["systolic", "diastolic"], session.Result().Missing);
    }

    [Theory]
    [InlineData("systolic")]
    [InlineData("nothing")]
    [InlineData("readings[0]")]
    public void AddInstance_ToSomethingThatIsNotARepeatingGroup_IsRefused(string path) =>
        Assert.Equal(-1, Questionnaires.Start(Q).AddInstance(path));

    [Fact]
    public void RemoveInstance_RemovesItAndLaterInstancesMoveUp()
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        Assert.True(session.RemoveInstance("readings", 0));
        Assert.Equal(1, session.InstanceCount("readings"));
        Assert.Equal(185m, session.GetAnswer("readings[0].systolic"));
        Assert.Equal(1m, session.Result().Values["n"]);
        Assert.False(session.RemoveInstance("readings", 1));
        Assert.False(session.RemoveInstance("readings", -1));
    }

    [Fact]
    public void RemovingTheInstanceThatRaisedAFlag_LowersTheFlag()
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        Assert.Single(session.Result().Flags);
        session.RemoveInstance("readings", 1);
        Assert.Empty(session.Result().Flags);
    }

    [Fact]
    public void FewerInstancesThanMinCount_IsHE2009()
    {
        var session = Questionnaires.Start(Q, """{"readings": [{"systolic": 150, "diastolic": 90}]}""");
        var error = Assert.Single(session.Result().Errors);
        Assert.Equal(("HE2009", "readings"), (error.Code, error.Path));
    }

    [Fact]
    public void MoreInstancesThanMaxCount_IsHE2010()
    {
        var row = """{"systolic": 150, "diastolic": 90}""";
        var session = Questionnaires.Start(Q, $$"""{"readings": [{{row}}, {{row}}, {{row}}, {{row}}]}""");
        Assert.Equal("HE2010", Assert.Single(session.Result().Errors).Code);
    }

    [Fact]
    public void EnableWhen_IsWorkedOutPerInstance()
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        Assert.False(session.IsEnabledAt("readings[0].notes"));
        Assert.True(session.IsEnabledAt("readings[1].notes"));
        Assert.True(session.IsEnabled("notes"));
        Assert.Single(session.Result().Enabled, "notes");
        session.SetAnswer("readings[1].systolic", 130);
        Assert.False(session.IsEnabled("notes"));
        Assert.DoesNotContain("notes", session.Result().Enabled);
    }

    [Fact]
    public void AnswerToADisabledFieldInAnInstance_IsKeptButNotReportedAsInvalid()
    {
        var session = Questionnaires.Start(Q, """{"readings": [{"systolic": 150, "diastolic": 90, "notes": 5}, {"systolic": 140, "diastolic": 80}]}""");
        Assert.Empty(session.Result().Errors);
    }

    [Fact]
    public void Check_IsWorkedOutPerInstance_WithThatInstancesValues()
    {
        var session = Questionnaires.Start(Q, """{"readings": [{"systolic": 150, "diastolic": 90}, {"systolic": 120, "diastolic": 130}]}""");
        var error = Assert.Single(session.Result().Errors);
        Assert.Equal(("HE2011", "diastolic", "readings[1].diastolic"), (error.Code, error.Item, error.Path));
        Assert.Equal("The bottom number should be lower than the top number (120).", error.Message);
    }

    [Fact]
    public void InvalidAnswerInAnInstance_IsReportedWithItsPath_AndCountsInNoAggregate()
    {
        var session = Questionnaires.Start(Q, """{"readings": [{"systolic": 150, "diastolic": 90}, {"systolic": 400, "diastolic": 95}]}""");
        var r = session.Result();
        var error = Assert.Single(r.Errors);
        Assert.Equal(("HE2003", "readings[1].systolic"), (error.Code, error.Path));
        Assert.Equal(150m, r.Values["top"]);
        Assert.Empty(r.Flags);
        Assert.Equal(400m, session.GetAnswer("readings[1].systolic"));
    }

    [Fact]
    public void UnknownFieldInAnInstance_IsHE2008WithItsPath()
    {
        var session = Questionnaires.Start(Q, """{"readings": [{"systolic": 150, "diastolic": 90, "pulse": 60}, {"systolic": 140, "diastolic": 80}]}""");
        var error = Assert.Single(session.Result().Errors);
        Assert.Equal(("HE2008", "readings[0].pulse"), (error.Code, error.Path));
    }

    [Theory]
    [InlineData("""{"readings": 5}""")]
    [InlineData("""{"readings": {"systolic": 150}}""")]
    public void RepeatingGroup_AnsweredWithSomethingOtherThanAList_IsHE2001(string answers) =>
        Assert.Equal("HE2001", Assert.Single(Questionnaires.Start(Q, answers).Result().Errors).Code);

    [Fact]
    public void RequiredFieldUnansweredInAnInstance_IsMissing()
    {
        var session = Questionnaires.Start(Q, """{"readings": [{"systolic": 150, "diastolic": 90}, {"systolic": 140}]}""");
        Assert.Equal(["diastolic"], session.Result().Missing);
        Assert.False(session.Result().Complete);
    }

    [Fact]
    public void NestedRepeatingGroups_AggregateInsideAggregate()
    {
        var session = Questionnaires.Start(Q, """
            {"visits": [
              {"place": "clinic", "doses": [{"mg": 5}, {"mg": 10}]},
              {"place": "home", "doses": [{"mg": 20}]},
              {"place": "ward"}
            ]}
            """);
        var r = session.Result();
        Assert.Empty(r.Errors);
        Assert.Equal(35m, r.Values["total_mg"]);
        Assert.Equal(1m, r.Values["busy_visits"]);
        session.SetAnswer("visits[2].doses[0].mg", 1);
        session.SetAnswer("visits[2].doses[1].mg", 2);
        Assert.Equal(38m, session.Result().Values["total_mg"]);
        Assert.Equal(2m, session.Result().Values["busy_visits"]);
        Assert.Equal(2m, session.GetAnswer("visits[2].doses[1].mg"));
    }

    private static readonly CompiledQuestionnaire Nested = Questionnaires.Compile("""
        id: nested-errors
        version: 1.0.0
        items:
          - id: visits
            type: group
            repeats: true
            items:
              - id: place
                type: text
              - id: doses
                type: group
                repeats: true
                min_count: 2
                max_count: 3
                items:
                  - id: mg
                    type: integer
                    max: 100
        checks:
          - id: small-dose
            item: mg
            assert: mg < 50
            message: Dose {{ mg }} is large
        """);

    [Fact]
    public void ErrorsInsideNestedInstances_CarryTheirFullPaths()
    {
        var session = Questionnaires.Start(Nested, """
            {"visits": [
              {"place": "clinic", "doses": [{"mg": 5}, {"mg": 10}]},
              {"place": "home", "doses": [{"mg": 60}]},
              {"place": "ward", "doses": [{"mg": 1}, {"mg": 2}, {"mg": 3}, {"mg": 400}]}
            ]}
            """);
        Assert.Equal(
            [("HE2009", "doses", "visits[1].doses"), ("HE2010", "doses", "visits[2].doses"), ("HE2011", "mg", "visits[1].doses[0].mg"),
             ("HE2003", "mg", "visits[2].doses[3].mg")],
            session.Result().Errors.Select(e => (e.Code, e.Item, e.Path)).ToArray());
    }

    [Fact]
    public void ReplacingTheWholeGroup_ReplacesEveryInstance()
    {
        var session = Questionnaires.Start(Q, TwoReadings);
        session.SetAnswer("readings", Questionnaires.Json("""[{"systolic": 100, "diastolic": 60}, {"systolic": 110, "diastolic": 70}]"""));
        Assert.Equal(110m, session.Result().Values["top"]);
        session.SetAnswer("readings", null);
        Assert.Equal(0m, session.Result().Values["n"]);
        Assert.Null(session.Result().Values["top"]);
    }
}
