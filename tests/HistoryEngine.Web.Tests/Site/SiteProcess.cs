using System.Diagnostics;
using System.Text;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>Runs the built site as its own process, for what only a real start shows: exit codes and console output.</summary>
public static class SiteProcess
{
    // The test project references the site, so its dll, deps and runtimeconfig sit beside the tests.
    private static readonly string SiteDll = Path.Combine(AppContext.BaseDirectory, "HistoryEngine.Web.dll");

    /// <summary>Starts the site, waits until its output contains <paramref name="until"/> or it exits, then stops it.
    /// <paramref name="files"/> are written into its working directory (its content root) first: an appsettings.json, say.</summary>
    public static async Task<(int? ExitCode, string Stdout, string Stderr)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string until, TimeSpan timeout, IReadOnlyDictionary<string, string>? files = null)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("he-run-").FullName;
        foreach (var (name, text) in files ?? new Dictionary<string, string>())
            await File.WriteAllTextAsync(Path.Combine(workingDirectory, name), text);
        var start = new ProcessStartInfo("dotnet", [SiteDll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var seen = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, until, seen);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, until, seen);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await Task.WhenAny(seen.Task, process.WaitForExitAsync(), Task.Delay(timeout));
        int? exitCode = null;
        if (process.HasExited)
            exitCode = process.ExitCode;
        else
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Directory.Delete(workingDirectory, recursive: true);
        lock (stdout) lock (stderr)
            return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static void Append(StringBuilder sink, string? line, string until, TaskCompletionSource seen)
    {
        if (line is null)
            return;
        lock (sink)
            sink.AppendLine(line);
        if (line.Contains(until, StringComparison.Ordinal))
            seen.TrySetResult();
    }
}
