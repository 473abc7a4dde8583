using HistoryEngine.Definitions;
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

    /// <summary>Questionnaire files named or found in folders that have no scenario file beside them.</summary>
    public List<string> WithoutScenarios { get; } = [];

    public static ScenarioSuite Discover(IEnumerable<string> paths)
    {
        var suite = new ScenarioSuite();
        paths = [.. paths];
        foreach (var q in QuestionnaireFile.Expand(paths).Where(p => !ScenarioReader.IsScenarioFile(p) && QuestionnaireLoader.IsQuestionnaireFile(p)))
            if (!File.Exists(System.IO.Path.ChangeExtension(q, null) + ".tests.yaml")) suite.WithoutScenarios.Add(q);
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
            else if (CarePlans.CarePlanFile.IsCarePlanFile(path) || CarePlans.CarePlanScenarios.IsCarePlanScenarioFile(path)) found = [];
            else
            {
                var beside = System.IO.Path.ChangeExtension(path, null) + ".tests.yaml";
                found = File.Exists(beside) ? [beside] : [];
            }
            foreach (var f in found) if (seen.Add(System.IO.Path.GetFullPath(f))) yield return f;
        }
    }

    public QuestionnaireFile Questionnaire(ScenarioFile file) => Questionnaire(file.QuestionnairePath);

    /// <summary>The questionnaire at a path, compiled once however many scenario files test it.</summary>
    public QuestionnaireFile Questionnaire(string path)
    {
        if (!_questionnaires.TryGetValue(path, out var q)) _questionnaires[path] = q = QuestionnaireFile.Load(path);
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

    /// <summary>
    /// Every questionnaire found, with its scenarios that can be trusted (no problems in their own text), in path
    /// order: those with a scenario file and those without one (no scenarios).
    /// </summary>
    public IEnumerable<(string Path, IReadOnlyList<Scenario> Scenarios)> Questionnaires() =>
        Files.GroupBy(f => f.QuestionnairePath, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<Scenario>)[.. g.SelectMany(f => f.Scenarios).Where(s => s.Problems.IsEmpty)]))
            .Concat(WithoutScenarios.Select(p => (p, (IReadOnlyList<Scenario>)[])))
            .OrderBy(q => q.Item1, StringComparer.Ordinal);

    /// <summary>
    /// Every rule of a tested questionnaire needs a scenario at its threshold and one just under it (HE3008, HE3009),
    /// at the rule's position; a questionnaire with no scenario file has every rule reported. Only the rules a file
    /// defines itself count: an included module's rules are covered by the module's own scenarios.
    /// </summary>
    public IEnumerable<Diagnostic> ThresholdCoverage()
    {
        foreach (var (path, scenarios) in Questionnaires())
        {
            if (Questionnaire(path).Compiled is not { } compiled) continue;
            var at = scenarios.SelectMany(s => s.AtThreshold).ToHashSet(StringComparer.Ordinal);
            var under = scenarios.SelectMany(s => s.UnderThreshold).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in compiled.Definition.Rules)
            {
                if (!at.Contains(rule.Id)) yield return Codes.RuleNotAtThreshold.Create(rule.Span, rule.Id);
                if (!under.Contains(rule.Id)) yield return Codes.RuleNotUnderThreshold.Create(rule.Span, rule.Id);
            }
        }
    }

    public IEnumerable<ScenarioOutcome> RunAll() => Files.SelectMany(f => f.Scenarios.Select(s => Run(f, s)));
}
