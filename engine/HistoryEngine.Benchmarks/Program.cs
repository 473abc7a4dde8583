using BenchmarkDotNet.Running;
using HistoryEngine.Benchmarks;
using HistoryEngine;

// dotnet run -c Release -- --generate FILE [ITEMS [CONDITIONS]]  writes the generated questionnaire and checks it
// dotnet run -c Release -- --peers-prepare DIR SIZE...            the peer workloads (see Comparison/PeerRun.cs and peers/run-peers.sh)
// dotnet run -c Release -- --peers-dotnet DIR [FIRELY_RUN_UP_TO]  HistoryEngine and Firely FHIRPath on them
// dotnet run -c Release -- --peers-report DIR                     cross-check and ratios
// dotnet run -c Release -- [BenchmarkDotNet arguments]            runs benchmarks, e.g. --filter '*Step*'
if (args is ["--peers-prepare", var prepareDir, .. var sizes])
    return HistoryEngine.Benchmarks.Comparison.PeerRun.Prepare(prepareDir, sizes.Select(int.Parse));
if (args is ["--peers-dotnet", var runDir, .. var upTo])
    return HistoryEngine.Benchmarks.Comparison.PeerRun.RunDotnet(runDir, upTo.Length > 0 ? int.Parse(upTo[0]) : 200);
if (args is ["--peers-dotnet-engine-only", var engineDir])
    return HistoryEngine.Benchmarks.Comparison.PeerRun.RunDotnet(engineDir, 0, firely: false);
if (args is ["--growth", var resultsDir])
    return Growth.Print(resultsDir);
if (args is ["--peers-report", var reportDir])
    return HistoryEngine.Benchmarks.Comparison.PeerRun.Report(reportDir);
if (args is ["--generate", var path, ..])
{
    var shape = args.Length >= 4 ? new QuestionnaireGenerator.Shape(int.Parse(args[2]), int.Parse(args[3]))
        : args.Length == 3 ? new QuestionnaireGenerator.Shape(int.Parse(args[2])) : new QuestionnaireGenerator.Shape();
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
