using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HistoryEngine.Testing;

/// <summary>How to start a <see cref="SiteServer"/>: which build, where, with what settings, and how to tell it is up.</summary>
public sealed record SiteServerOptions
{
    /// <summary>The site's built dll.</summary>
    public required string SiteDll { get; init; }

    /// <summary>The content root (wwwroot and appsettings.json); null runs in the server's own temporary folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Settings as environment variables (<c>Store__Provider</c>, <c>ConnectionStrings__Records</c>, ...), on
    /// top of those every server gets: Production, https on a free loopback port, a certificate made for the run, and
    /// a HOME of its own (so no data-protection key is shared through the file system).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The page polled until it answers 200.</summary>
    public string ReadyPath { get; init; } = "/health/ready";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait between two polls of <see cref="ReadyPath"/>.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Stop as a service manager would (SIGTERM, then a kill after 10 s) rather than at once.</summary>
    public bool StopGracefully { get; init; }
}

/// <summary>
/// One real site process in Production on https://127.0.0.1 and a free port, with a self-signed certificate made for
/// it: what the several-instances tests and the load benchmarks run, so that both start, probe and stop a site alike.
/// </summary>
public sealed class SiteServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _graceful;
    private readonly StringBuilder _output = new();

    private SiteServer(Process process, string folder, Uri baseAddress, bool graceful)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
        _graceful = graceful;
    }

    public Uri BaseAddress { get; }

    /// <summary><see cref="BaseAddress"/> without its trailing slash.</summary>
    public string BaseUrl => BaseAddress.ToString().TrimEnd('/');

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Process start to the first 200 from the ready page.</summary>
    public TimeSpan StartUp { get; private set; }

    /// <summary>What the process printed (the first 64 KB), for a failure's message.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the site and waits until its ready page answers 200; a site that exits or is not ready in time
    /// is stopped and reported with what it printed.</summary>
    public static async Task<SiteServer> StartAsync(SiteServerOptions options)
    {
        if (!File.Exists(options.SiteDll))
            throw new FileNotFoundException("Build the site first", options.SiteDll);
        var folder = Directory.CreateTempSubdirectory("he-site-").FullName;
        const string certificatePassword = "site-server";
        var certificate = Path.Combine(folder, "site.pfx");
        await File.WriteAllBytesAsync(certificate, TestCertificates.SelfSigned().Export(X509ContentType.Pfx, certificatePassword));
        var baseAddress = new Uri($"https://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [options.SiteDll])
        {
            WorkingDirectory = options.WorkingDirectory ?? folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.Environment["Kestrel__Certificates__Default__Path"] = certificate;
        start.Environment["Kestrel__Certificates__Default__Password"] = certificatePassword;
        // Production refuses any host unless told which are meant (docs/operations.md).
        start.Environment["AllowedHosts"] = "127.0.0.1";
        start.Environment["HOME"] = folder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var (name, value) in options.Environment)
            start.Environment[name] = value;

        var began = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the site");
        var site = new SiteServer(process, folder, baseAddress, options.StopGracefully);
        process.OutputDataReceived += (_, e) => site.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => site.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient(Handler(null)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                var output = site.Output;
                await site.DisposeAsync();
                throw new InvalidOperationException($"the site exited with {process.ExitCode}:\n{output}");
            }
            if (Stopwatch.GetElapsedTime(began) > options.Timeout)
            {
                var output = site.Output;
                await site.DisposeAsync();
                throw new TimeoutException($"the site was not ready within {options.Timeout.TotalSeconds} s:\n{output}");
            }
            try
            {
                using var response = await probe.GetAsync(options.ReadyPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    site.StartUp = Stopwatch.GetElapsedTime(began);
                    return site;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(options.Poll);
        }
    }

    /// <summary>A handler for these servers: the given cookies (shared by every instance, as one browser's are behind
    /// a load balancer), no redirects followed, and the runs' self-signed certificates accepted for 127.0.0.1 only.</summary>
    public static SocketsHttpHandler Handler(CookieContainer? cookies) => new()
    {
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (sender, _, _, errors) =>
                errors == SslPolicyErrors.None || (sender as SslStream)?.TargetHostName is "127.0.0.1" or "",
        },
    };

    /// <summary>A browser-like client on this server with <paramref name="cookies"/>.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(Handler(cookies)) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Ends the process at once, as a crash or a power cut would (SIGKILL: no shutdown, nothing flushed).</summary>
    public void KillNow()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

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

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
            if (_output.Length < 64 * 1024)
                _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (_graceful)
            {
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                    await term.WaitForExitAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try { await _process.WaitForExitAsync(wait.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
            }
            else
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { } // best effort: a temp folder left behind harms nothing
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Certificates for sites the tests run over https on 127.0.0.1.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed certificate for 127.0.0.1, valid from yesterday for a week, with its private key.</summary>
    public static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
