using HistoryEngine.Diagnostics;

namespace HistoryEngine.Scenarios;

/// <summary>
/// Finds the scenario files under some paths and runs them, compiling each questionnaire once. Used by
/// <c>historyengine test</c> and by the xunit suite, so both run exactly the same scenarios.
/// </summary>
public sealed class ScenarioSuite
{
    private readonly Dictionary<string, QuestionnaireFile> _questionnaires = new(StringComparer.Ordinal);

    public List<ScenarioFile> Files { get; } = [];
    /// <summary>Problems in the scenario files or in the questionnaires they test.</summary>
    public List<Diagnostic> Diagnostics { get; } = [];

    public static ScenarioSuite Discover(IEnumerable<string> paths)
    {
        var suite = new ScenarioSuite();
        foreach (var path in ScenarioPaths(paths))
        {
            var bag = new DiagnosticBag();
            var file = ScenarioReader.Read(path, bag);
            suite.Diagnostics.AddRange(bag.Sorted());
            if (file is not null && !bag.HasErrors) suite.Files.Add(file);
        }
        return suite;
    }

    /// <summary>Scenario files named directly, found in folders, or found beside a questionnaire file named.</summary>
    public static IEnumerable<string> ScenarioPaths(IEnumerable<string> paths)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (Directory.Exists(path))
                found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(ScenarioReader.IsScenarioFile).Order(StringComparer.Ordinal);
            else if (ScenarioReader.IsScenarioFile(path)) found = [path];
            else
            {
                var beside = System.IO.Path.ChangeExtension(path, null) + ".tests.yaml";
                found = File.Exists(beside) ? [beside] : [];
            }
            foreach (var f in found) if (seen.Add(System.IO.Path.GetFullPath(f))) yield return f;
        }
    }

    public QuestionnaireFile Questionnaire(ScenarioFile file)
    {
        if (!_questionnaires.TryGetValue(file.QuestionnairePath, out var q))
            _questionnaires[file.QuestionnairePath] = q = QuestionnaireFile.Load(file.QuestionnairePath);
        return q;
    }

    /// <summary>Runs one scenario; a questionnaire that does not compile fails every scenario with its diagnostics.</summary>
    public ScenarioOutcome Run(ScenarioFile file, Scenario scenario)
    {
        var q = Questionnaire(file);
        if (q.Compiled is null)
            return new ScenarioOutcome(file, scenario,
                [new ScenarioFailure($"the questionnaire has errors:\n{string.Join('\n', q.Diagnostics.Where(d => d.IsError))}", scenario.Span, Codes.ScenarioFailed.Code)]);
        return ScenarioRunner.Run(file, scenario, q.Compiled);
    }

    public IEnumerable<ScenarioOutcome> RunAll() => Files.SelectMany(f => f.Scenarios.Select(s => Run(f, s)));
}
