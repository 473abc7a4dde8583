using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>The patient's journey: required answers, progress, pages that skip what is disabled, and the emergency stop.</summary>
public class JourneyTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: journey
        version: 2.1.0
        title: Chest pain check
        items:
          - id: chest_pain
            type: boolean
            required: true
          - id: pain_details
            type: group
            enable_when: chest_pain
            items:
              - id: crushing
                type: boolean
                required: true
              - id: minutes
                type: integer
          - id: smoker
            type: boolean
            required: true
          - id: notes
            type: long_text
        pages:
          - id: pain
            title: Pain
            items: [chest_pain]
          - id: details
            items: [pain_details]
          - id: habits
            items: [smoker]
          - id: other
            items: [notes]
        rules:
          - id: call_999
            when: crushing && minutes >= 15
            level: emergency
            patient: Call 999 now.
            clinician: Possible ACS.
            source: NICE CG95
          - id: see_gp
            when: chest_pain
            level: soon
            patient: Book an appointment.
            clinician: Chest pain reported.
            source: local
        """);

    [Fact]
    public void RequiredAndEnabled_Unanswered_IsMissing_AndNotComplete()
    {
        var r = Questionnaires.Start(Q).Result();
        Assert.Equal(["chest_pain", "smoker"], r.Missing);
        Assert.False(r.Complete);
    }

    [Fact]
    public void AllRequiredAnswered_IsComplete_EvenWithOptionalItemsUnanswered()
    {
        var r = Questionnaires.Start(Q, """{"chest_pain": false, "smoker": false}""").Result();
        Assert.Empty(r.Missing);
        Assert.True(r.Complete);
    }

    [Fact]
    public void RequiredItemEnabledLater_BecomesMissing()
    {
        var r = Questionnaires.Start(Q, """{"chest_pain": true, "smoker": false}""").Result();
        Assert.Equal(["crushing"], r.Missing);
    }

    [Fact]
    public void Progress_CountsEnabledQuestionsOnly()
    {
        var session = Questionnaires.Start(Q);
        Assert.Equal(new Progress(0, 3), session.Progress);
        session.SetAnswer("chest_pain", true);
        Assert.Equal(new Progress(1, 5), session.Progress);
        session.SetAnswer("crushing", false);
        session.SetAnswer("chest_pain", false);
        Assert.Equal(new Progress(1, 3), session.Progress);
        Assert.Equal(33, session.Progress.Percent);
    }

    [Fact]
    public void Progress_OfNothingToAnswer_IsOneHundredPercent() => Assert.Equal(100, new Progress(0, 0).Percent);

    [Fact]
    public void NextPage_SkipsPagesWithNothingEnabled()
    {
        var session = Questionnaires.Start(Q, """{"chest_pain": false}""");
        Assert.Equal("pain", session.NextPage(null)!.Id);
        Assert.Equal("habits", session.NextPage("pain")!.Id);
        Assert.Equal("other", session.NextPage("habits")!.Id);
        Assert.Null(session.NextPage("other"));
        Assert.Equal("pain", session.PreviousPage("habits")!.Id);
        Assert.Null(session.PreviousPage("pain"));
        Assert.Equal(["pain", "habits", "other"], session.EnabledPages.Select(p => p.Id));
    }

    [Fact]
    public void NextPage_ShowsAPageOnceSomethingOnItIsEnabled()
    {
        var session = Questionnaires.Start(Q, """{"chest_pain": true}""");
        Assert.Equal("details", session.NextPage("pain")!.Id);
        Assert.Equal("details", session.PreviousPage("habits")!.Id);
        Assert.Equal(["pain_details"], session.NextPage("pain")!.ItemIds);
    }

    [Fact]
    public void NextPage_AfterAPageThatDoesNotExist_IsNull() => Assert.Null(Questionnaires.Start(Q).NextPage("nowhere"));

    [Fact]
    public void Pages_KeepTheirTitles() => Assert.Equal(["Pain", null, null, null], Q.Pages.Select(p => p.Title));

    [Fact]
    public void WithoutPages_EachTopLevelItemIsAPage()
    {
        var q = Questionnaires.Compile("""
            id: no-pages
            version: 1.0.0
            items:
              - id: first
                type: boolean
              - id: second
                type: boolean
                enable_when: first
              - id: third
                type: boolean
            """);
        var session = Questionnaires.Start(q);
        Assert.Equal(["first", "second", "third"], q.Pages.Select(p => p.Id));
        Assert.Equal("third", session.NextPage("first")!.Id);
    }

    [Fact]
    public void EmergencyFlag_StopsTheQuestionnaire()
    {
        var session = Questionnaires.Start(Q, """{"chest_pain": true, "crushing": true, "minutes": 20}""");
        var r = session.Result();
        Assert.True(session.Stopped);
        Assert.True(r.Stopped);
        Assert.False(r.Complete);
        Assert.Null(session.NextPage(null));
        Assert.Null(session.NextPage("details"));
        Assert.Equal(FlagLevel.Emergency, r.HighestLevel);
        Assert.Equal("call_999", r.Flags[0].Rule);
        Assert.Equal("Call 999 now.", r.Flags[0].Patient);
        Assert.Equal("NICE CG95", r.Flags[0].Source);
    }

    [Fact]
    public void EmergencyFlag_Lowered_LetsThePatientGoOn()
    {
        var session = Questionnaires.Start(Q, """{"chest_pain": true, "crushing": true, "minutes": 20}""");
        session.SetAnswer("minutes", 5);
        Assert.False(session.Stopped);
        Assert.Equal("habits", session.NextPage("details")!.Id);
    }

    [Fact]
    public void Flags_AreListedHighestLevelFirst()
    {
        var r = Questionnaires.Start(Q, """{"chest_pain": true, "crushing": true, "minutes": 20}""").Result();
        Assert.Equal([FlagLevel.Emergency, FlagLevel.Soon], r.Flags.Select(f => f.Level));
    }

    [Fact]
    public void Result_NamesTheQuestionnaireVersionAndHash()
    {
        var r = Questionnaires.Start(Q).Result();
        Assert.Equal(("journey", "2.1.0", Q.Hash), (r.Questionnaire, r.Version, r.Hash));
        Assert.Matches("^[0-9a-f]{64}$", r.Hash);
    }

    [Fact]
    public void DefaultSummary_WithoutANarrative_NamesTitleVersionAndFlags()
    {
        var summary = Questionnaires.Start(Q, """{"chest_pain": true}""").Result().Summary;
        Assert.StartsWith("Chest pain check (version 2.1.0).", summary, StringComparison.Ordinal);
        Assert.Contains("SOON: Chest pain reported.", summary, StringComparison.Ordinal);
    }
}
