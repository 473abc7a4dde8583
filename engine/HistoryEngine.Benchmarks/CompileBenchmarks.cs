using BenchmarkDotNet.Attributes;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// Compile time: file to compiled questionnaire (<see cref="QuestionnaireFile.Load"/>), and its two halves, reading
/// (file, YAML, definition) and compiling (names, types, expressions, dependency graph). One case per shipped
/// questionnaire found under questionnaires/ at run time, plus the generated 2,000-item one.
/// </summary>
[Config(typeof(BenchConfig))]
public class CompileBenchmarks
{
    private string _path = "";
    private string? _generated;
    private QuestionnaireDefinition _definition = null!;

    [ParamsSource(nameof(Questionnaires))]
    public string Questionnaire { get; set; } = Workload.GeneratedName;

    public static IEnumerable<string> Questionnaires() => [Workload.GeneratedName, .. Workload.ShippedQuestionnaires()];

    [GlobalSetup]
    public void Setup()
    {
        _path = Questionnaire == Workload.GeneratedName
            ? _generated = Workload.WriteGenerated()
            : Path.Combine(Workload.RepositoryRoot(), Questionnaire);
        QuestionnaireGenerator.LoadClean(_path);
        var diagnostics = new DiagnosticBag();
        _definition = QuestionnaireLoader.Load(_path, diagnostics) ?? throw new InvalidOperationException("no definition");
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.Cleanup(_generated);

    /// <summary>What the site and the CLI do per file: read, parse, check, compile.</summary>
    [Benchmark(Baseline = true)]
    public object? LoadAndCompile() => QuestionnaireFile.Load(_path).Compiled;

    /// <summary>The first half: file, YAML with positions, definition model.</summary>
    [Benchmark]
    public object? ReadDefinition() => QuestionnaireLoader.Load(_path, new DiagnosticBag());

    /// <summary>The second half: bind and type-check every expression and template, build and order the graph.</summary>
    [Benchmark]
    public object? Compile() => QuestionnaireCompiler.Compile(_definition, new DiagnosticBag());
}
