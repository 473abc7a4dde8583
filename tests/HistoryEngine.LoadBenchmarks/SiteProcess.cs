using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>
/// The site built in Release, run as its own process in the Production environment on 127.0.0.1 over https with a
/// self-signed certificate made for the run (Kestrel's default certificate setting), on a given store file. The data
/// protection keys go to a temporary HOME, so nothing is left in the real one.
/// </summary>
internal sealed partial class SiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    public string BaseUrl { get; }
    public int Pid => _process.Id;

    /// <summary>Process start to the first 200 from the sign-in page.</summary>
    public TimeSpan StartUp { get; private set; }

    private SiteProcess(Process process, string folder, string baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    /// <summary>The site's build output (bench.sh builds it in Release first).</summary>
    public static string SiteDll => Path.Combine(Repo.Root, "web", "bin", "Release", "net10.0", "HistoryEngine.Web.dll");

    public static async Task<SiteProcess> StartAsync(string storePath, TimeSpan timeout)
    {
        if (!File.Exists(SiteDll))
            throw new FileNotFoundException("Build the site in Release first (dotnet build web -c Release)", SiteDll);
        var folder = Directory.CreateTempSubdirectory("he-load-site-").FullName;
        var certificate = Path.Combine(folder, "site.pfx");
        const string certificatePassword = "load-benchmark";
        await File.WriteAllBytesAsync(certificate, SelfSignedCertificate(certificatePassword));
        var port = FreePort();
        var baseUrl = $"https://127.0.0.1:{port}";

        // The content root is web/: wwwroot (with the NHS.UK copies the build makes) and appsettings.json are there.
        var start = new ProcessStartInfo("dotnet", [SiteDll])
        {
            WorkingDirectory = Path.Combine(Repo.Root, "web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["Kestrel__Certificates__Default__Path"] = certificate;
        start.Environment["Kestrel__Certificates__Default__Password"] = certificatePassword;
        start.Environment["Store__Path"] = storePath;
        // Production refuses any host and an unencrypted store unless told they are meant (docs/operations.md).
        start.Environment["AllowedHosts"] = "127.0.0.1";
        start.Environment["Store__AllowUnencrypted"] = "true";
        start.Environment["Questionnaires__Path"] = Path.Combine(Repo.Root, "questionnaires");
        start.Environment["HOME"] = folder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var began = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the site");
        var site = new SiteProcess(process, folder, baseUrl);
        process.OutputDataReceived += (_, e) => site.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => site.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient(LoadClient.Handler(null)) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the site exited with {process.ExitCode}:\n{site.Output}");
            if (Stopwatch.GetElapsedTime(began) > timeout)
            {
                await site.DisposeAsync();
                throw new TimeoutException($"the site did not answer within {timeout.TotalSeconds} s:\n{site.Output}");
            }
            try
            {
                using var response = await probe.GetAsync("/Account/SignIn");
                if (response.StatusCode == HttpStatusCode.OK)
                    break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
        site.StartUp = Stopwatch.GetElapsedTime(began);
        return site;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
            if (_output.Length < 64 * 1024)
                _output.AppendLine(line);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The process's peak resident set so far (VmHWM), in bytes.</summary>
    public long PeakRss() => Status("VmHWM");

    /// <summary>The process's resident set now (VmRSS), in bytes.</summary>
    public long Rss() => Status("VmRSS");

    private long Status(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>Stops the site as a service manager would (SIGTERM, then a kill after 10 s) and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(); await _process.WaitForExitAsync(); }
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static byte[] SelfSignedCertificate(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}
