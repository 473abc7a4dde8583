using BenchmarkDotNet.Attributes;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// Compile time: file to compiled questionnaire (<see cref="QuestionnaireFile.Load"/>), and its two halves, reading
/// (file, YAML, definition) and compiling (names, types, expressions, dependency graph). One case per shipped
/// questionnaire found under questionnaires/ at run time, plus the generated 2,000-item one and a small sample.
/// </summary>
[Config(typeof(BenchConfig))]
public class CompileBenchmarks
{
    private string _path = "";
    private string? _generated;
    private QuestionnaireDefinition _definition = null!;

    [ParamsSource(nameof(Questionnaires))]
    public string Questionnaire { get; set; } = Workload.GeneratedName;

    public static IEnumerable<string> Questionnaires() => Workload.CompileCases();

    [GlobalSetup]
    public void Setup()
    {
        _path = Workload.Resolve(Questionnaire, out _generated);
        QuestionnaireGenerator.LoadClean(_path);
        var diagnostics = new DiagnosticBag();
        _definition = QuestionnaireLoader.Load(_path, diagnostics) ?? throw new InvalidOperationException("no definition");
        Warm.Up(() => { LoadAndCompile(); ReadDefinition(); Compile(); }, seconds: 0.5);
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.Cleanup(_generated);

    /// <summary>What the site and the CLI do per file: read, parse, check, compile.</summary>
    [Benchmark]
    public object? LoadAndCompile() => QuestionnaireFile.Load(_path).Compiled;

    /// <summary>The first half: file, YAML with positions, definition model.</summary>
    public object? ReadDefinition() => QuestionnaireLoader.Load(_path, new DiagnosticBag());

    /// <summary>The second half: bind and type-check every expression and template, build and order the graph.</summary>
    public object? Compile() => QuestionnaireCompiler.Compile(_definition, new DiagnosticBag());
}

/// <summary>The two halves of <see cref="CompileBenchmarks.LoadAndCompile"/>, on the generated questionnaires only.</summary>
[Config(typeof(BenchConfig))]
public class CompileHalvesBenchmarks
{
    private readonly CompileBenchmarks _inner = new();

    [ParamsSource(nameof(Questionnaires))]
    public string Questionnaire { get; set; } = Workload.GeneratedName;

    public static IEnumerable<string> Questionnaires() => Workload.Sizes.Select(n => $"generated-{n}");

    [GlobalSetup]
    public void Setup()
    {
        _inner.Questionnaire = Questionnaire;
        _inner.Setup();
    }

    [GlobalCleanup]
    public void Cleanup() => _inner.Cleanup();

    [Benchmark]
    public object? ReadDefinition() => _inner.ReadDefinition();

    [Benchmark]
    public object? Compile() => _inner.Compile();
}

/// <summary>
/// <see cref="CompileBenchmarks.LoadAndCompile"/> as the first engine call in a fresh process: what start-up pays,
/// JIT included. The setup writes the generated file without calling the engine.
/// </summary>
[Config(typeof(ColdConfig))]
public class ColdCompileBenchmarks
{
    private string _path = "";
    private string? _generated;

    [ParamsSource(nameof(Questionnaires))]
    public string Questionnaire { get; set; } = Workload.GeneratedName;

    /// <summary>The generated sizes and the small sample: start-up cost is mostly JIT, the same for every file.</summary>
    public static IEnumerable<string> Questionnaires() => ["generated-2000", "generated-20000", SampleQuestionnaire.Name];

    [GlobalSetup]
    public void Setup() => _path = Workload.Resolve(Questionnaire, out _generated);

    [GlobalCleanup]
    public void Cleanup() => Workload.Cleanup(_generated);

    [Benchmark]
    public object? FirstLoadAndCompile() =>
        QuestionnaireFile.Load(_path) is { Compiled: { } compiled } ? compiled : throw new InvalidOperationException($"{_path} does not compile");
}
