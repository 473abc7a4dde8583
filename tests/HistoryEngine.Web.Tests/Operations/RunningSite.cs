using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>
/// The built site as a real process on a loopback port and a given store, for what only a real process shows:
/// surviving SIGKILL, a backup taken from another process while it runs. Environment "Testing": production
/// behaviour, reached over plain http on 127.0.0.1 (clients keep its Secure cookies with <see cref="Security.Matrix.CookieJar"/>).
/// </summary>
public sealed partial class RunningSite : IAsyncDisposable
{
    public static readonly string SiteDll = Path.Combine(AppContext.BaseDirectory, "HistoryEngine.Web.dll");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Uri Address { get; private set; } = null!;

    private RunningSite(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the site on <paramref name="storePath"/>, in the store's folder unless told otherwise. With
    /// <paramref name="umask"/> it is started from a shell that sets that umask first (as a login shell on a typical
    /// server would), whatever this process's own is.</summary>
    public static async Task<RunningSite> StartAsync(string storePath, TimeSpan timeout, string? umask = null, string? workingDirectory = null)
    {
        var start = umask is null
            ? new ProcessStartInfo("dotnet", [SiteDll, "--urls", "http://127.0.0.1:0"])
            : new ProcessStartInfo("/bin/sh", ["-c", $"umask {umask} && exec dotnet \"$@\"", "sh", SiteDll, "--urls", "http://127.0.0.1:0"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(storePath)!;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Store__Path"] = storePath;
        start.Environment["Questionnaires__Path"] = TestPaths.Questionnaires;
        var site = new RunningSite(Process.Start(start)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (site._output) site._output.AppendLine(line);
            if (ListeningPattern().Match(line) is { Success: true } m)
                listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        site._process.OutputDataReceived += (_, e) => Read(e.Data);
        site._process.ErrorDataReceived += (_, e) => Read(e.Data);
        site._process.BeginOutputReadLine();
        site._process.BeginErrorReadLine();
        var done = await Task.WhenAny(listening.Task, site._process.WaitForExitAsync(), Task.Delay(timeout));
        if (done != listening.Task)
        {
            await site.DisposeAsync();
            throw new InvalidOperationException($"The site did not start:\n{site.Output}");
        }
        site.Address = await listening.Task;
        return site;
    }

    /// <summary>Ends the process the hard way (SIGKILL on Linux): no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Runs the site's dll with a command (backup, restore) and the same store; exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> CommandAsync(string storePath, params string[] args) =>
        CommandAsync(storePath, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="CommandAsync(string, string[])"/>, with more environment variables (Store__Password, say).</summary>
    public static async Task<(int ExitCode, string Output)> CommandAsync(string storePath, IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
        var start = new ProcessStartInfo("dotnet", [SiteDll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(storePath)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Store__Path"] = storePath;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}
