using BenchmarkDotNet.Running;
using HistoryEngine.Benchmarks;
using HistoryEngine;

// dotnet run -c Release -- --generate FILE [ITEMS CONDITIONS]   writes the generated questionnaire and checks it
// dotnet run -c Release -- [BenchmarkDotNet arguments]            runs benchmarks, e.g. --filter '*Step*'
if (args is ["--generate", var path, ..])
{
    var shape = args.Length >= 4 ? new QuestionnaireGenerator.Shape(int.Parse(args[2]), int.Parse(args[3])) : new QuestionnaireGenerator.Shape();
    QuestionnaireGenerator.Write(path, shape);
    var file = QuestionnaireFile.Load(path);
    foreach (var d in file.Diagnostics) Console.WriteLine(d);
    if (file.Compiled is not { } compiled)
    {
        Console.WriteLine($"{path}: does not compile");
        return 1;
    }
    Console.WriteLine($"{path}: {compiled.ItemIds.Count()} items, {compiled.Graph.Nodes.Length} graph nodes, " +
        $"{compiled.Items.Count(i => i.EnableWhen is not null)} enable_when, {compiled.Values.Count} values, {compiled.Rules.Count} rules, clean");
    return 0;
}
if (args is ["--list-questionnaires"])
{
    foreach (var q in Workload.CompileCases()) Console.WriteLine(q);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
