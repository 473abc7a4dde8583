namespace HistoryEngine.Testing;

/// <summary>Where the tests find the repository and the questionnaires made for them.</summary>
public static class TestPaths
{
    /// <summary>The questionnaires made for the site's tests (this project's Questionnaires folder, copied beside
    /// each test project): small files whose questions only the tests rely on, so clinical content can change
    /// without breaking a test of the site. A broken file is among them on purpose (it must not be offered), and the
    /// shipped diary, for the diary page built for it.</summary>
    public static string Questionnaires => Path.Combine(AppContext.BaseDirectory, "TestQuestionnaires");

    /// <summary>The repository's own questionnaires, for the few end-to-end journeys that use what ships.</summary>
    public static string ShippedQuestionnaires => Path.Combine(RepoRoot(), "questionnaires");

    /// <summary>The folder holding HistoryEngine.sln, above the test's output folder.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HistoryEngine.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("HistoryEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
