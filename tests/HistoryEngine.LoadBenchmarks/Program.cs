using System.Diagnostics;
using HistoryEngine.LoadBenchmarks;

// Usage (bench.sh runs these; see docs/benchmarks.md, "Site and storage"):
//   site  [--users 1,16,64] [--duration 15] [--static-duration 5] [--warmup 5]
//   store [--full] [--db PATH] [--samples 200] [--startups 3]
//   seed  [--full] [--db PATH]
//   pg-seed  [--full] --pg CONN                 PostgreSQL: seed (or reuse) the scale's database on the server CONN
//   pg-store [--full] --pg CONN [--samples 200] PostgreSQL: the store's calls at scale (seeds first if needed)
//   pg-site  [--full] --pg CONN [--users 1,16,64] [--duration 15] [--kill-users 32] [--kill-duration 20]
//            the site on PostgreSQL: one instance, two instances on the same database, then kill -9 of the first
//            [--site-options "Max Auto Prepare=64"] (added to the sites' connection string) [--one-instance] (that part only)
//   (CONN is the server, e.g. "Host=/path/to/socket-dir;Port=5433;Username=postgres"; bench.sh starts one)
//   post-path [--count 3000]   the store calls of one page post, in a loop (no HTTP)
//   expressions [--count 3000] LiteDB lookups with the value in the expression's text or as a parameter
var command = args.FirstOrDefault() ?? "";
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var full = args.Contains("--full");
var scale = full ? Scale.Full : Scale.Small;
var db = Option("--db") ?? Path.Combine(Repo.Root, ".bench-data", $"store-{scale.Tag}.db");

switch (command)
{
    case "site":
        await SiteLoad.RunAsync(
            [.. (Option("--users") ?? "1,16,64").Split(',').Select(int.Parse)],
            TimeSpan.FromSeconds(double.Parse(Option("--duration") ?? "15")),
            TimeSpan.FromSeconds(double.Parse(Option("--static-duration") ?? "5")),
            TimeSpan.FromSeconds(double.Parse(Option("--warmup") ?? "5")),
            Console.Out);
        return 0;
    case "seed":
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Seeder.EnsureSeeded(db, scale, Console.Out);
        return 0;
    case "store":
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Seeder.EnsureSeeded(db, scale, Console.Error);
        await StoreBench.RunAsync(db, scale, int.Parse(Option("--samples") ?? "200"), Console.Out);
        var runs = int.Parse(Option("--startups") ?? "3");
        Console.Out.WriteLine();
        Console.Out.WriteLine("Site start-up on this store (process start to the first 200 from /Account/SignIn, Production, https):");
        Console.Out.WriteLine();
        Console.Out.WriteLine("| run | start-up (ms) | RSS after start | load avg (1/5/15 min) |");
        Console.Out.WriteLine("|---:|---:|---:|---|");
        for (var run = 1; run <= runs; run++)
        {
            var load = Fmt.Load();
            await using var site = await SiteProcess.StartAsync(db, TimeSpan.FromSeconds(120));
            Console.Out.WriteLine($"| {run} | {site.StartUp.TotalMilliseconds:0} | {Fmt.Mb(site.Rss())} | {load} |");
        }
        return 0;
    case "pg-seed":
        await PgSeeder.EnsureSeededAsync(PgServer(), PgScaleOf(), Console.Out);
        return 0;
    case "pg-store":
        await PgStoreBench.RunAsync(await PgSeeder.EnsureSeededAsync(PgServer(), PgScaleOf(), Console.Error), PgScaleOf(),
            int.Parse(Option("--samples") ?? "200"), Console.Out);
        return 0;
    case "pg-site":
        return await PgSiteLoad.RunAsync(await PgSeeder.EnsureSeededAsync(PgServer(), PgScaleOf(), Console.Error), PgScaleOf(),
            [.. (Option("--users") ?? "1,16,64").Split(',').Select(int.Parse)],
            TimeSpan.FromSeconds(double.Parse(Option("--duration") ?? "15")),
            TimeSpan.FromSeconds(double.Parse(Option("--static-duration") ?? "5")),
            TimeSpan.FromSeconds(double.Parse(Option("--warmup") ?? "5")),
            int.Parse(Option("--kill-users") ?? "32"),
            TimeSpan.FromSeconds(double.Parse(Option("--kill-duration") ?? "20")),
            Option("--site-options"), args.Contains("--one-instance"),
            Console.Out);
    case "post-path":
        await PostPathBench.RunAsync(int.Parse(Option("--count") ?? "3000"), Console.Out);
        return 0;
    case "expressions":
        Console.Out.WriteLine("| lookup by an indexed field, each value once | p50 (µs) | mean (µs) | lookups | memory kept after | load avg |");
        Console.Out.WriteLine("|---|---:|---:|---:|---:|---|");
        ExpressionBench.Run(int.Parse(Option("--count") ?? "3000"), Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("usage: HistoryEngine.LoadBenchmarks site|store|seed|pg-seed|pg-store|pg-site [options] (see Program.cs)");
        return 2;
}

string PgServer() => Option("--pg") ?? Environment.GetEnvironmentVariable("HISTORYENGINE_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("name the PostgreSQL server with --pg CONN (bench.sh --postgres starts one)");

PgScale PgScaleOf() => full ? PgScale.Full : PgScale.Small;
