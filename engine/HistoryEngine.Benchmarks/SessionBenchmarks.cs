using BenchmarkDotNet.Attributes;
using HistoryEngine.Runtime;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// The costs around the steps, on the generated questionnaire: starting a session (one full evaluation, no answers),
/// re-evaluating everything once with 100 readings per
/// repeating group (what every step costs without the dependency graph), and taking the result snapshot a page or the CLI shows.
/// </summary>
[Config(typeof(BenchConfig))]
public class SessionBenchmarks
{
    private string? _generated;
    private CompiledQuestionnaire _compiled = null!;
    private Session _session = null!;

    [Params(200, 2000, 20000)]
    public int Items { get; set; } = 2000;

    [GlobalSetup]
    public void Setup()
    {
        _generated = Workload.WriteGenerated(new QuestionnaireGenerator.Shape(Items));
        _compiled = QuestionnaireGenerator.LoadClean(_generated).Compiled!;
        _session = Sessions.Filled(_compiled, readings: 100);
        Warm.Up(() => { CreateSession(); RecomputeAll(); Result(); }, seconds: 0.5);
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.Cleanup(_generated);

    [Benchmark]
    public object CreateSession() => _compiled.CreateSession(Sessions.Clock);

    [Benchmark]
    public void RecomputeAll() => _session.RecomputeAll();

    [Benchmark]
    public object Result() => _session.Result();
}
