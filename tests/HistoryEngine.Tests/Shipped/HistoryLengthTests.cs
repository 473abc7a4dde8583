using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Shipped;

/// <summary>
/// Issue 15 point 7: a history about one complaint is at most 12 pages, and grouping questions onto fewer pages never
/// puts a module's red flags, or the "right now" screen, beside anything else.
/// </summary>
public sealed class HistoryLengthTests
{
    private static readonly CompiledQuestionnaire History =
        QuestionnaireFile.Load(Path.Combine(ShippedQuestionnaireTests.Folder, "medical-history.yaml")).Compiled!;

    public static TheoryData<string> Complaints() =>
        [.. History.GetItem("complaints")!.Definition.Options.Select(o => o.Code)];

    /// <summary>Counts every page the complaint can bring in, as if every answer inside its modules showed all their
    /// pages (the sepsis signs, the safety questions), with the PHQ-9 and GAD-7 brought in by positive screens.</summary>
    [Theory]
    [MemberData(nameof(Complaints))]
    public void AOneComplaintHistory_IsAtMost12Pages(string complaint)
    {
        var session = History.CreateSession();
        session.SetAnswer("who", "patient");
        session.SetAnswer("urgent_now", new[] { "none" });
        session.SetAnswer("complaints", new[] { complaint });
        if (complaint == "mood")
            foreach (var screen in new[] { "mood.phq2_interest", "mood.phq2_down", "mood.gad2_nervous", "mood.gad2_worry" })
                session.SetAnswer(screen, "LA6571-9");

        var pages = History.Pages.Count(p => p.Id.IndexOf('.', StringComparison.Ordinal) is var dot and > 0
            ? session.IsEnabledAt(p.Id[..dot])
            : session.EnabledPages.Contains(p));

        Assert.True(pages <= 12, $"{complaint}: {pages} pages");
    }

    [Fact]
    public void EveryModulesRedFlags_AreOnAPageOfTheirOwn()
    {
        var modules = History.Pages.Where(p => p.Id.Contains('.', StringComparison.Ordinal))
            .GroupBy(p => p.Id[..p.Id.IndexOf('.', StringComparison.Ordinal)]).ToList();
        Assert.NotEmpty(modules);
        foreach (var module in modules)
        {
            var withRedFlags = module.Where(p => p.ItemIds.Any(id => id.EndsWith(".red_flags", StringComparison.Ordinal))).ToList();
            if (withRedFlags.Count == 0)
                continue;
            var page = Assert.Single(withRedFlags);
            Assert.Equal([module.Key + ".red_flags"], page.ItemIds);
        }
    }

    [Fact]
    public void TheRightNowScreen_IsAPageOfItsOwn() =>
        Assert.Equal(["urgent_now"], History.Pages.Single(p => p.ItemIds.Contains("urgent_now")).ItemIds);

    [Fact]
    public void EveryPage_IsInOneOfThreeSections_InOrder()
    {
        Assert.Equal(["About you", "Your symptoms", "Your health"], History.Pages.Select(p => p.Section).Distinct());
        Assert.Equal("Your symptoms", History.Pages.Single(p => p.Id == "headache_pain.where").Section);
    }
}
