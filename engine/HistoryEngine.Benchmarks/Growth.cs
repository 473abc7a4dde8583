using System.Globalization;
using System.Text.RegularExpressions;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// Reads BenchmarkDotNet's CSV reports and prints, for each benchmark measured on the generated questionnaires,
/// its median at 200, 2,000 and 20,000 items and the factor per 10 times the items (10x = linear).
/// </summary>
public static partial class Growth
{
    public static int Print(string resultsDir)
    {
        var rows = new List<(string Name, Dictionary<int, double> Medians)>();
        foreach (var csv in Directory.GetFiles(resultsDir, "*-report.csv").Order())
        {
            var lines = File.ReadAllLines(csv);
            if (lines.Length < 2) continue;
            var header = SplitCsv(lines[0]);
            int Col(string name) => Array.IndexOf(header, name);
            int method = Col("Method"), median = Col("Median"), items = Col("Items"), questionnaire = Col("Questionnaire"), graph = Col("Graph");
            if (method < 0 || median < 0) continue;
            var type = Path.GetFileName(csv).Replace("HistoryEngine.Benchmarks.", "").Replace("-report.csv", "");
            foreach (var line in lines.Skip(1))
            {
                var f = SplitCsv(line);
                int? size = items >= 0 && int.TryParse(f[items], out var n) ? n
                    : questionnaire >= 0 ? Workload.GeneratedSize(f[questionnaire]) : null;
                if (size is null || ParseTime(f[median]) is not { } us) continue;
                var name = $"{type}.{f[method]}" + (graph >= 0 ? $" (Graph={f[graph]})" : "");
                var row = rows.FirstOrDefault(r => r.Name == name);
                if (row.Name is null) rows.Add(row = (name, []));
                row.Medians[size.Value] = us;
            }
        }
        Console.WriteLine("| benchmark | 200 items | 2,000 items | 20,000 items | x per 10x (200 to 2,000) | x per 10x (2,000 to 20,000) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, m) in rows)
        {
            string At(int n) => m.TryGetValue(n, out var v) ? Format(v) : "";
            string Factor(int a, int b) => m.TryGetValue(a, out var x) && m.TryGetValue(b, out var y) ? (y / x).ToString("0.0", CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"| {name} | {At(200)} | {At(2000)} | {At(20000)} | {Factor(200, 2000)} | {Factor(2000, 20000)} |");
        }
        return 0;
    }

    private static string Format(double us) => us switch
    {
        < 1 => $"{us * 1000:0} ns",
        < 1000 => $"{us:0.0} µs",
        < 1_000_000 => $"{us / 1000:0.00} ms",
        _ => $"{us / 1_000_000:0.00} s",
    };

    /// <summary>"1,234.5 ns", "12.3 μs", "4.5 ms", "1.2 s" in microseconds.</summary>
    private static double? ParseTime(string text)
    {
        var m = TimePattern().Match(text.Trim());
        if (!m.Success) return null;
        var value = double.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "ns" => value / 1000, "μs" or "us" or "µs" => value, "ms" => value * 1000, "s" => value * 1_000_000, _ => null,
        };
    }

    [GeneratedRegex(@"^([\d,]+(?:\.\d+)?)\s*(ns|μs|µs|us|ms|s)$")]
    private static partial Regex TimePattern();

    private static string[] SplitCsv(string line)
    {
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { result.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        result.Add(current.ToString());
        return [.. result];
    }
}
