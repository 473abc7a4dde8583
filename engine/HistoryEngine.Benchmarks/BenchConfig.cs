using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// Steady-state timing sized for a 2-core machine: 1 launch, 6 warm-up and 30 measured iterations of about 50 ms,
/// so a case takes a few seconds. Many short iterations rather than a few long ones, so that the median holds up when
/// something else on the machine takes the CPU for a moment. Each benchmark also runs its workload for about a second in its global setup, so
/// that the JIT has finished tiering up before BenchmarkDotNet's pilot stage picks the invocation count. Reports the
/// median (and mean, P95) and the allocations per operation.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithId("Steady")
            .WithLaunchCount(1)
            .WithWarmupCount(6)
            .WithIterationCount(30)
            .WithIterationTime(TimeInterval.FromMilliseconds(50)));
        Common(this);
    }

    internal static void Common(ManualConfig config)
    {
        config.AddDiagnoser(MemoryDiagnoser.Default);
        config.AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        config.HideColumns(Column.Error, Column.Job);
        config.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(60));
        config.WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
        config.WithOptions(ConfigOptions.DisableLogFile);
    }
}

/// <summary>
/// First call in a fresh process (JIT included), as when the site or the CLI loads a questionnaire at start-up:
/// 5 processes, one measured call each.
/// </summary>
public sealed class ColdConfig : ManualConfig
{
    public ColdConfig()
    {
        AddJob(Job.Default
            .WithId("Cold")
            .WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(5)
            .WithWarmupCount(0)
            .WithIterationCount(1)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        BenchConfig.Common(this);
    }
}

/// <summary>Runs a workload for a while so its code is fully tiered up before measurement starts.</summary>
internal static class Warm
{
    public static void Up(Action action, double seconds = 1.0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // An even count, so workloads that flip an answer end where they began.
        do { action(); action(); } while (clock.Elapsed.TotalSeconds < seconds);
    }
}
