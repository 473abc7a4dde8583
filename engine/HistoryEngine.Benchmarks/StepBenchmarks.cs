using BenchmarkDotNet.Attributes;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// One answer step on the generated questionnaires (200, 2,000, 20,000 items), with every question answered and 100
/// readings in each repeating group, with
/// the dependency graph (Graph = true) and with full re-evaluation after every answer (Graph = false).
/// Each step flips an answer between two values, so every invocation really changes something and the state
/// after two invocations is the state before them.
/// </summary>
[Config(typeof(BenchConfig))]
public class StepBenchmarks
{
    private static readonly object Ten = 10, Zero = 0, Six = 6, Two = 2, High = 150, TextA = "first", TextB = "second";
    private string? _generated;
    private Session _session = null!;
    private bool _chain, _hub, _leaf;

    /// <summary>Items in the generated questionnaire (half of them with a condition; a repeating group per 2,000).</summary>
    [Params(200, 2000, 20000)]
    public int Items { get; set; } = 2000;

    /// <summary>
    /// True: re-evaluate only what depends on the answer. False (Incremental = false): re-evaluate everything; not in
    /// the default run (<see cref="SessionBenchmarks.RecomputeAll"/> is that cost): <c>./bench.sh --filter '*Step*'</c>
    /// with <c>HISTORYENGINE_BENCH_NO_GRAPH=1</c> adds it.
    /// </summary>
    [ParamsSource(nameof(GraphCases))]
    public bool Graph { get; set; } = true;

    public static IEnumerable<bool> GraphCases() =>
        Environment.GetEnvironmentVariable("HISTORYENGINE_BENCH_NO_GRAPH") == "1" ? [true, false] : [true];

    [GlobalSetup]
    public void Setup()
    {
        _generated = Workload.WriteGenerated(new QuestionnaireGenerator.Shape(Items));
        var compiled = QuestionnaireGenerator.LoadClean(_generated).Compiled!;
        _session = Sessions.Filled(compiled, readings: 100);
        _session.Incremental = Graph;
        Warm.Up(() => { ChainHead(); FanOutHub(); Leaf(); AddReading(); }, seconds: 0.5);
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.Cleanup(_generated);

    /// <summary>The head of the 400-item chain, 10 then 0: the whole chain switches on or off, one item after another.</summary>
    [Benchmark]
    public void ChainHead() => _session.SetAnswer(QuestionnaireGenerator.ChainHead, (_chain = !_chain) ? Zero : Ten);

    /// <summary>The item about 600 items, a rule and a check read, 6 then 2: 400 fan items and 200 mixed ones switch at once.</summary>
    [Benchmark]
    public void FanOutHub() => _session.SetAnswer(QuestionnaireGenerator.Hub, (_hub = !_hub) ? Two : Six);

    /// <summary>An item nothing reads.</summary>
    [Benchmark]
    public void Leaf() => _session.SetAnswer(QuestionnaireGenerator.Leaf, (_leaf = !_leaf) ? TextA : TextB);

    /// <summary>
    /// Adds a 101st reading (answering its systolic) to the repeating group of 100, then removes it: two steps, each
    /// re-evaluating the group and the aggregates over it; the time shown is per step.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public void AddReading()
    {
        _session.SetAnswer("readings[100].systolic", High);
        _session.RemoveInstance(QuestionnaireGenerator.Readings, 100);
    }
}

/// <summary>Sessions filled for the benchmarks: every question answered so that every condition is met.</summary>
public static class Sessions
{
    public static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero));

    public static Session Filled(CompiledQuestionnaire compiled, int readings)
    {
        var session = compiled.CreateSession(Clock);
        session.SetAnswer(QuestionnaireGenerator.Hub, 6);
        session.SetAnswer(QuestionnaireGenerator.Leaf, "first");
        foreach (var id in compiled.ItemIds)
        {
            var item = compiled.GetItem(id)!;
            if (item.ParentId?.StartsWith(QuestionnaireGenerator.Readings, StringComparison.Ordinal) == true || item.IsRepeating
                || id == QuestionnaireGenerator.Hub || id == QuestionnaireGenerator.Leaf) continue;
            object? value = item.Type switch
            {
                Definitions.ItemType.Integer => 10,
                Definitions.ItemType.Decimal => 1.5m,
                Definitions.ItemType.Boolean => true,
                Definitions.ItemType.Text => "some text",
                Definitions.ItemType.Date => "2026-03-01",
                Definitions.ItemType.Choice => "a",
                _ => null,
            };
            if (value is not null) session.SetAnswer(id, value);
        }
        foreach (var group in compiled.ItemIds.Where(id => compiled.GetItem(id)!.IsRepeating))
        {
            var suffix = group[QuestionnaireGenerator.Readings.Length..];
            var rows = new List<IReadOnlyDictionary<string, object?>>();
            for (var k = 0; k < readings; k++)
                rows.Add(new Dictionary<string, object?>
                {
                    ["taken" + suffix] = QuestionnaireGenerator.Taken(k), ["systolic" + suffix] = 120 + k % 40, ["diastolic" + suffix] = 70 + k % 20,
                });
            session.SetAnswer(group, rows);
        }
        var errors = session.Errors;
        if (errors.Count > 0)
            throw new InvalidOperationException("The filled session has errors:\n" + string.Join("\n", errors.Take(20)));
        return session;
    }
}
