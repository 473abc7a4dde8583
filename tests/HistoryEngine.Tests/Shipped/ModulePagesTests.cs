namespace HistoryEngine.Tests.Shipped;

/// <summary>An included module with pages of its own keeps them, so a long module is not one long page.</summary>
public sealed class ModulePagesTests
{
    private static readonly global::HistoryEngine.Runtime.CompiledQuestionnaire History =
        QuestionnaireFile.Load(Path.Combine(ShippedQuestionnaireTests.Folder, "medical-history.yaml")).Compiled!;

    [Fact]
    public void IncludedModuleWithPages_KeepsItsPages_UnderTheModulesId()
    {
        var ids = History.Pages.Select(p => p.Id).ToList();
        Assert.Contains("headache_pain.where", ids);
        Assert.Contains("headache_pain.severity", ids);
        Assert.Contains("chest_pain_detail.where", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(["headache_pain.site", "headache_pain.started", "headache_pain.onset"], History.Pages.Single(p => p.Id == "headache_pain.where").ItemIds);
    }

    [Fact]
    public void ModulePages_AreSkipped_WhileTheModuleIsDisabled()
    {
        var session = History.CreateSession();
        var visited = new List<string>();
        for (var page = session.NextPage(null); page is not null && visited.Count < 500; page = session.NextPage(page.Id))
            visited.Add(page.Id);
        Assert.DoesNotContain(visited, id => id.StartsWith("headache_pain.", StringComparison.Ordinal));
        Assert.NotEmpty(visited);
    }
}
