using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Shipped;

/// <summary>
/// docs/red-flag-matrix.md is what the shipped files do: generated from them and their scenarios' threshold marks,
/// and compared here, so a rule changed without its matrix row (or a scenario mark removed) fails the build.
/// </summary>
public sealed class RedFlagMatrixTests
{
    private const string Command = "historyengine test questionnaires --matrix docs/red-flag-matrix.md";

    private static string Root() => TestFiles.RepositoryRoot();

    [Fact]
    public void TheCommittedMatrix_IsTheOneTheFilesMake()
    {
        var root = Root();
        var suite = ScenarioSuite.Discover([Path.Combine(root, "questionnaires")]);
        var expected = RedFlagMatrix.Build(suite, Command, root);
        var committed = File.ReadAllText(Path.Combine(root, "docs", "red-flag-matrix.md")).Replace("\r", "");
        Assert.True(expected == committed,
            $"docs/red-flag-matrix.md is out of date: run `dotnet run --project engine/HistoryEngine.Cli -- {Command["historyengine ".Length..]}` from the repository root");
    }

    [Fact]
    public void EveryRuleRow_ListsItsScenarios_AndTheQuestionsItReads()
    {
        var root = Root();
        var matrix = RedFlagMatrix.Build(ScenarioSuite.Discover([Path.Combine(root, "questionnaires")]), Command, root);
        var row = Assert.Single(matrix.Split('\n'), l => l.StartsWith("| `postural-drop` |", StringComparison.Ordinal));
        Assert.Contains("Standing top number", row, StringComparison.Ordinal);
        Assert.Contains("| a postural drop of 20 systolic is flagged soon |", row, StringComparison.Ordinal);
        Assert.EndsWith("| a postural drop of 19 systolic and 9 diastolic is not flagged |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryShippedRule_HasAScenarioAtItsThreshold_AndOneJustUnderIt()
    {
        var suite = ScenarioSuite.Discover([Path.Combine(Root(), "questionnaires")]);
        var untested = suite.ThresholdCoverage().Select(d => d.ToString()).ToList();
        Assert.True(untested.Count == 0, string.Join('\n', untested));
    }
}
