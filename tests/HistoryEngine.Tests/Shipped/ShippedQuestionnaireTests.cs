using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Shipped;

/// <summary>
/// Every questionnaire the practice ships loads without errors, and every scenario written beside it passes:
/// one test case per scenario, the same scenarios <c>historyengine test questionnaires</c> runs.
/// </summary>
public sealed class ShippedQuestionnaireTests
{
    internal static readonly string Folder = FindQuestionnaires();
    private static readonly Lazy<ScenarioSuite> Suite = new(() => ScenarioSuite.Discover([Folder]));

    private static string FindQuestionnaires()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "questionnaires");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "HistoryEngine.sln"))) return candidate;
        }
        throw new DirectoryNotFoundException("questionnaires/ not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Files() => [.. QuestionnaireFile.Expand([Folder]).Select(f => Path.GetRelativePath(Folder, f))];

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedFile_Loads_WithoutErrors(string file)
    {
        var loaded = QuestionnaireFile.Load(Path.Combine(Folder, file));
        Assert.True(loaded.Compiled is not null, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(loaded.Diagnostics);
    }

    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Suite.Value.Files)
            foreach (var scenario in file.Scenarios)
                data.Add(Path.GetRelativePath(Folder, file.Path), scenario.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_Passes(string file, string scenario)
    {
        var scenarioFile = Suite.Value.Files.Single(f => Path.GetRelativePath(Folder, f.Path) == file);
        var outcome = Suite.Value.Run(scenarioFile, scenarioFile.Scenarios.Single(s => s.Name == scenario));
        Assert.True(outcome.Passed, string.Join("\n", outcome.Failures));
    }

    [Fact]
    public void ScenarioFiles_HaveNoDiagnostics() =>
        Assert.True(Suite.Value.Diagnostics.Count == 0, string.Join("\n", Suite.Value.Diagnostics));

    [Fact]
    public void ClinicalSafetyLog_ListsEveryReviewOnlyQuestionWithItsReason()
    {
        // Rows of the table in docs/clinical-safety.md: | `file` | `question` | reason |
        var log = File.ReadAllLines(Path.Combine(Folder, "..", "docs", "clinical-safety.md"));
        var listed = log.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\| `([^`]+)` \| `([^`]+)` \| (.*) \|$"))
            .Where(m => m.Success).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}: {m.Groups[3].Value}").ToHashSet();
        var silenced = QuestionnaireFile.LoadAll([Folder]).SelectMany(f => f.ReviewOnlyItems())
            .DistinctBy(i => i.Span)
            .Select(i => $"{Path.GetRelativePath(Folder, i.Span.File).Replace('\\', '/')} {i.Id}: {string.Join(' ', i.ReviewOnly!.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))}")
            .ToHashSet();

        Assert.NotEmpty(silenced);
        Assert.True(silenced.SetEquals(listed),
            "docs/clinical-safety.md (H14) and the files differ.\nIn the files, not the log:\n" + string.Join("\n", silenced.Except(listed))
            + "\nIn the log, not the files:\n" + string.Join("\n", listed.Except(silenced)));
    }

    [Fact]
    public void EveryShippedQuestionnaire_HasScenarios()
    {
        var tested = Suite.Value.Files.Select(f => Path.GetFullPath(f.QuestionnairePath)).ToHashSet();
        // Modules are tested through the questionnaires that include them.
        var untested = QuestionnaireFile.Expand([Folder])
            .Where(f => !tested.Contains(Path.GetFullPath(f)) && QuestionnaireFile.Load(f).Compiled?.Definition.IsModule != true)
            .ToList();
        Assert.True(untested.Count == 0, "no scenarios for: " + string.Join(", ", untested));
    }
}
