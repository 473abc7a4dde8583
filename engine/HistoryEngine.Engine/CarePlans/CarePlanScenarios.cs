using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Definitions.Yaml;
using HistoryEngine.Diagnostics;
using HistoryEngine.Scenarios;

namespace HistoryEngine.CarePlans;

/// <summary>One care plan scenario: a record and a day in, the expected plan state out (a part of its JSON).</summary>
public sealed record CarePlanScenario(string Name, SourceSpan Span, DateOnly Today, JsonElement Record, JsonElement? Expect,
    ImmutableDictionary<string, SourceSpan> ExpectSpans)
{
    public ImmutableArray<string> AtThreshold { get; init; } = [];
    public ImmutableArray<string> UnderThreshold { get; init; } = [];
    public ImmutableArray<Diagnostic> Problems { get; init; } = [];
}

/// <summary>The outcome of one care plan scenario: passed when <see cref="Problems"/> is empty.</summary>
public sealed record CarePlanScenarioOutcome(string PlanPath, CarePlanScenario Scenario, IReadOnlyList<ScenarioFailure> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Scenario tests for care plans (<c>NAME.care-plan.tests.yaml</c> beside <c>NAME.care-plan.yaml</c>): each gives a
/// record and a day, and the part of the plan state's JSON it expects (objects match on the keys given, lists match in
/// length and order). Reported like questionnaire scenarios, with the same threshold coverage (HE3008, HE3009).
/// </summary>
public sealed class CarePlanScenarios
{
    private static readonly string[] TopKeys = ["plan", "scenarios"];
    private static readonly string[] ScenarioKeys = ["name", "today", "threshold", "under", "record", "expect"];

    private readonly Dictionary<string, CarePlanFile> _plans = new(StringComparer.Ordinal);

    public List<(string Path, string PlanPath, ImmutableArray<CarePlanScenario> Scenarios)> Files { get; } = [];
    public List<Diagnostic> Diagnostics { get; } = [];
    /// <summary>Plans found with no scenario file beside them: every rule of theirs is reported untested.</summary>
    public List<string> WithoutScenarios { get; } = [];

    public static bool IsCarePlanScenarioFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.EndsWith(".care-plan.tests.yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".care-plan.tests.yml", StringComparison.OrdinalIgnoreCase);
    }

    public static CarePlanScenarios Discover(IEnumerable<string> paths)
    {
        var suite = new CarePlanScenarios();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsCarePlanScenarioFile).Order(StringComparer.Ordinal)
                : IsCarePlanScenarioFile(path) ? [path]
                : CarePlanFile.IsCarePlanFile(path) && File.Exists(Beside(path)) ? [Beside(path)] : [];
            foreach (var file in found.Where(f => seen.Add(System.IO.Path.GetFullPath(f)))) suite.Read(file);
        }
        suite.WithoutScenarios.AddRange(CarePlanFile.Expand(paths).Where(p => !File.Exists(Beside(p))));
        return suite;
    }

    private static string Beside(string plan) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(plan) ?? "", System.IO.Path.GetFileName(plan)[..^".yaml".Length] + ".tests.yaml");

    private void Read(string path)
    {
        var bag = new DiagnosticBag();
        var text = QuestionnaireLoader.ReadText(path, SourceSpan.None, bag);
        var root = text is null ? null : YamlReader.Read(path, text, bag);
        if (root is null) { Diagnostics.AddRange(bag.Sorted()); return; }
        var f = new CheckedMapping(root, "the care plan scenario file", TopKeys, bag);
        var name = System.IO.Path.GetFileName(path);
        var target = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "",
            f.String("plan") ?? name[..name.IndexOf(".tests.", StringComparison.OrdinalIgnoreCase)] + ".yaml");
        if (!File.Exists(target)) bag.Report(f.Has("plan") ? f.KeySpan("plan") : f.Span, Codes.ScenarioQuestionnaireMissing, target);
        var scenarios = f.List("scenarios").Select(ReadScenario).ToImmutableArray();
        Diagnostics.AddRange(bag.Sorted());
        if (!bag.HasErrors) Files.Add((path, target, scenarios));
    }

    private static CarePlanScenario ReadScenario(YNode node)
    {
        var bag = new DiagnosticBag();
        var f = new CheckedMapping(node, "a scenario", ScenarioKeys, bag);
        var name = f.RequiredString("name");
        var todayText = f.RequiredString("today");
        DateOnly today = default;
        if (todayText.Length > 0 && !DateOnly.TryParseExact(todayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
            bag.Report(f.ValueSpan("today"), Codes.NotIsoTime, $"'{todayText}' is not a date: write it as 2026-06-01");
        var record = f.Node("record") is { } r ? YamlJson.ToJson(r) : JsonDocument.Parse("{}").RootElement.Clone();
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var expect = f.Node("expect") is { } e ? YamlJson.ToJson(e, spans) : (JsonElement?)null;
        if (expect is null) bag.Report(f.Span, Codes.MissingKey, $"the scenario '{name}'", "expect");
        ImmutableArray<string> Rules(string key) => f.Node(key) switch
        {
            YScalar s => [s.Value],
            YSequence list => [.. list.Items.OfType<YScalar>().Select(s => s.Value)],
            _ => [],
        };
        return new CarePlanScenario(name, f.IsMapping ? f.KeySpan("name") : node.Span, today, record, expect, spans.ToImmutableDictionary(StringComparer.Ordinal))
        {
            AtThreshold = Rules("threshold"), UnderThreshold = Rules("under"), Problems = [.. bag.Sorted()],
        };
    }

    public CarePlanFile Plan(string path)
    {
        if (!_plans.TryGetValue(path, out var plan)) _plans[path] = plan = CarePlanFile.Load(path);
        return plan;
    }

    public IEnumerable<CarePlanScenarioOutcome> RunAll() =>
        Files.SelectMany(file => file.Scenarios.Select(s => Run(file.PlanPath, s)));

    public CarePlanScenarioOutcome Run(string planPath, CarePlanScenario scenario)
    {
        if (!scenario.Problems.IsEmpty)
            return new(planPath, scenario, [.. scenario.Problems.Select(d => new ScenarioFailure(d.Message, d.Span, d.Code))]);
        var plan = Plan(planPath);
        if (plan.Compiled is not { } compiled)
            return new(planPath, scenario, [new ScenarioFailure($"the care plan has errors:\n{string.Join('\n', plan.Diagnostics.Where(d => d.IsError))}", scenario.Span, Codes.ScenarioFailed.Code)]);
        var problems = new List<string>();
        var record = CarePlanRecord.FromJson(scenario.Record, compiled.Definition, problems);
        if (problems.Count > 0)
            return new(planPath, scenario, [.. problems.Select(p => new ScenarioFailure("the record: " + p, scenario.Span, Codes.CarePlanRecord.Code))]);
        var state = compiled.Evaluate(record, scenario.Today);
        using var actual = JsonDocument.Parse(CarePlanJson.Write(state));
        var failures = new List<ScenarioFailure>();
        Compare(scenario.Expect!.Value, actual.RootElement, "", scenario, failures);
        return new(planPath, scenario, failures);
    }

    /// <summary>Objects match on the keys expected; lists in length and order; numbers by value; everything else as written.</summary>
    private static void Compare(JsonElement expected, JsonElement actual, string path, CarePlanScenario scenario, List<ScenarioFailure> failures)
    {
        var at = scenario.ExpectSpans.TryGetValue(path, out var span) ? span : scenario.Span;
        void Fail(string message) => failures.Add(new ScenarioFailure(message, at, Codes.ScenarioFailed.Code));
        var where = path.Length == 0 ? "the plan" : $"'{path}'";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object when actual.ValueKind == JsonValueKind.Object:
                foreach (var p in expected.EnumerateObject())
                {
                    var inner = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
                    if (actual.TryGetProperty(p.Name, out var value)) Compare(p.Value, value, inner, scenario, failures);
                    else failures.Add(new ScenarioFailure($"{where} has no '{p.Name}'", scenario.ExpectSpans.GetValueOrDefault(inner, at), Codes.ScenarioFailed.Code));
                }
                break;
            case JsonValueKind.Array when actual.ValueKind == JsonValueKind.Array:
                var want = expected.EnumerateArray().ToList();
                var got = actual.EnumerateArray().ToList();
                if (want.Count != got.Count)
                {
                    Fail($"expected {where} to have {want.Count} {(want.Count == 1 ? "entry" : "entries")}, got {got.Count}: {Short(actual)}");
                    break;
                }
                for (var i = 0; i < want.Count; i++) Compare(want[i], got[i], $"{path}[{i}]", scenario, failures);
                break;
            case JsonValueKind.Number when actual.ValueKind == JsonValueKind.Number:
                if (expected.GetDecimal() != actual.GetDecimal()) Fail($"expected {where} to be {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
            default:
                if (expected.ValueKind != actual.ValueKind || expected.GetRawText() != actual.GetRawText())
                    Fail($"expected {where} to be {Short(expected)}, got {Short(actual)}");
                break;
        }
    }

    private static string Short(JsonElement e)
    {
        var text = e.GetRawText().ReplaceLineEndings(" ");
        return text.Length > 300 ? text[..300] + "..." : text;
    }

    /// <summary>Every rule of a plan with scenarios needs one at its threshold and one just under it (HE3008, HE3009).</summary>
    public IEnumerable<Diagnostic> ThresholdCoverage()
    {
        var plans = Files.GroupBy(f => f.PlanPath, StringComparer.Ordinal)
            .Select(g => (Path: g.Key, Scenarios: g.SelectMany(f => f.Scenarios).ToList()))
            .Concat(WithoutScenarios.Select(p => (Path: p, Scenarios: new List<CarePlanScenario>())));
        foreach (var (path, scenarios) in plans)
        {
            if (Plan(path).Compiled is not { } compiled) continue;
            var at = scenarios.SelectMany(s => s.AtThreshold).ToHashSet(StringComparer.Ordinal);
            var under = scenarios.SelectMany(s => s.UnderThreshold).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in compiled.Definition.Rules)
            {
                if (!at.Contains(rule.Id)) yield return Codes.RuleNotAtThreshold.Create(rule.Span, rule.Id);
                if (!under.Contains(rule.Id)) yield return Codes.RuleNotUnderThreshold.Create(rule.Span, rule.Id);
            }
        }
    }
}
