using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>Chains of enable conditions: a disabled item, and everything it enables, counts in no value or rule.</summary>
public class EnableWhenTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: chain
        version: 1.0.0
        items:
          - id: smoker
            type: boolean
            required: true
          - id: per_day
            type: integer
            required: true
            enable_when: smoker
          - id: wants_help
            type: boolean
            required: true
            enable_when: per_day >= 10
          - id: lifestyle
            type: group
            enable_when: smoker
            items:
              - id: exercise
                type: boolean
                required: true
              - id: exercise_note
                type: display
                text: Well done.
                enable_when: exercise
        values:
          - name: heavy_smoker
            expr: per_day >= 20
          - name: help
            expr: wants_help
          - name: exercising
            expr: exercise ?? false
        rules:
          - id: refer
            when: wants_help
            level: soon
            source: NICE NG209
          - id: heavy
            when: per_day >= 20
            level: routine
            source: NICE NG209
        checks:
          - id: sensible
            item: per_day
            assert: per_day < 200
            message: That is a lot.
        """);

    private const string AllYes = """{"smoker": true, "per_day": 25, "wants_help": true, "exercise": true}""";

    [Fact]
    public void Chain_AllEnabled_EverythingCounts()
    {
        var r = Questionnaires.Start(Q, AllYes).Result();
        Assert.Equal(["smoker", "per_day", "wants_help", "lifestyle", "exercise", "exercise_note"], r.Enabled);
        Assert.Equal([true, true, true], new[] { r.Values["heavy_smoker"], r.Values["help"], r.Values["exercising"] });
        Assert.Equal(["refer", "heavy"], r.Flags.Select(f => f.Rule).Order(StringComparer.Ordinal).Reverse());
        Assert.True(r.Complete);
    }

    [Fact]
    public void DisablingTheFirst_DisablesTheWholeChain_AndItsAnswersCountNowhere()
    {
        var session = Questionnaires.Start(Q, AllYes);
        session.SetAnswer("smoker", false);
        var r = session.Result();
        Assert.Equal(["smoker"], r.Enabled);
        Assert.Null(r.Values["heavy_smoker"]);
        Assert.Null(r.Values["help"]);
        Assert.Equal(false, r.Values["exercising"]);
        Assert.Empty(r.Flags);
        Assert.Empty(r.Missing);
        Assert.True(r.Complete);
    }

    [Fact]
    public void DisabledItems_KeepTheirAnswers_WhichCountAgainWhenReEnabled()
    {
        var session = Questionnaires.Start(Q, AllYes);
        session.SetAnswer("smoker", false);
        Assert.Equal(25m, session.GetAnswer("per_day"));
        session.SetAnswer("smoker", true);
        var r = session.Result();
        Assert.Equal(2, r.Flags.Count);
        Assert.Equal(true, r.Values["help"]);
    }

    [Fact]
    public void DisablingTheMiddle_DisablesWhatItEnables()
    {
        var session = Questionnaires.Start(Q, AllYes);
        session.SetAnswer("per_day", 5);
        var r = session.Result();
        Assert.False(session.IsEnabled("wants_help"));
        Assert.Null(r.Values["help"]);
        Assert.DoesNotContain(r.Flags, f => f.Rule == "refer");
        Assert.True(session.IsEnabled("lifestyle"));
    }

    [Fact]
    public void UnansweredCondition_LeavesTheItemDisabled()
    {
        var session = Questionnaires.Start(Q);
        Assert.Equal(["smoker"], session.Result().Enabled);
        Assert.Equal(["smoker"], session.Result().Missing);
    }

    [Fact]
    public void DisabledGroup_DisablesItsChildren()
    {
        var session = Questionnaires.Start(Q, """{"smoker": true, "exercise": true}""");
        Assert.True(session.IsEnabled("exercise_note"));
        session.SetAnswer("smoker", false);
        Assert.False(session.IsEnabled("lifestyle"));
        Assert.False(session.IsEnabled("exercise"));
        Assert.False(session.IsEnabled("exercise_note"));
        Assert.Equal(false, session.Result().Values["exercising"]);
    }

    [Fact]
    public void ErrorsOfDisabledItems_AreNotReported()
    {
        var session = Questionnaires.Start(Q, """{"smoker": true, "per_day": "lots", "wants_help": "perhaps"}""");
        Assert.Single(session.Result().Errors);
        session.SetAnswer("smoker", false);
        Assert.Empty(session.Result().Errors);
    }

    [Fact]
    public void CheckOnADisabledItem_DoesNotFail()
    {
        var session = Questionnaires.Start(Q, """{"smoker": true, "per_day": 250}""");
        Assert.Equal("HE2011", Assert.Single(session.Result().Errors).Code);
        session.SetAnswer("smoker", false);
        Assert.Empty(session.Result().Errors);
    }

    [Fact]
    public void CheckMessage_IsShownAgainstItsItem()
    {
        var error = Assert.Single(Questionnaires.Start(Q, """{"smoker": true, "per_day": 250}""").Result().Errors);
        Assert.Equal(("per_day", "per_day", "That is a lot."), (error.Item, error.Path, error.Message));
    }

    [Fact]
    public void CheckOnAnItem_WhoseAssertReadsOtherItems_StopsFailingWhenTheItemIsDisabled()
    {
        var q = Questionnaires.Compile("""
            id: check-other
            version: 1.0.0
            items:
              - id: systolic
                type: integer
              - id: skip
                type: boolean
              - id: diastolic
                type: integer
                enable_when: "!skip"
            checks:
              - id: lower
                item: diastolic
                assert: systolic < 200
                message: Check the top number.
            """);
        var session = Questionnaires.Start(q, """{"systolic": 250, "skip": false}""");
        Assert.Equal("HE2011", Assert.Single(session.Result().Errors).Code);
        session.SetAnswer("skip", true);
        Assert.False(session.IsEnabled("diastolic"));
        Assert.Empty(session.Result().Errors);
    }
}
