using System.Diagnostics;
using System.Globalization;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>Latency samples in milliseconds, and the few figures the tables need.</summary>
internal sealed class Samples
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    public void AddRange(Samples other) => _ms.AddRange(other._ms);

    /// <summary>Nearest-rank percentile (p in 0..100); NaN when empty.</summary>
    public double Percentile(double p)
    {
        if (_ms.Count == 0)
            return double.NaN;
        var sorted = _ms.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => _ms.Count == 0 ? double.NaN : _ms.Max();
    public double Mean => _ms.Count == 0 ? double.NaN : _ms.Average();

    /// <summary>Times one call, adds its milliseconds, and returns its result.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await call();
        Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }
}

internal static class Fmt
{
    public static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms < 10
        ? ms.ToString("0.00", CultureInfo.InvariantCulture)
        : ms.ToString("0.0", CultureInfo.InvariantCulture);

    public static string N(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("#,0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>The 1-minute load average (and the 5- and 15-minute ones), as /proc/loadavg has them.</summary>
    public static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static string Load1() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}

internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("HISTORYENGINE_ROOT") is { Length: > 0 } root)
            return root;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HistoryEngine.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("HistoryEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
