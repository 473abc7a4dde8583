using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>
/// One real site process (the built dll beside the tests) in Production on https://127.0.0.1 and a free port, with a
/// self-signed certificate made for it, on the PostgreSQL database it is given: an instance of several behind a load
/// balancer. Each has its own HOME, so no data-protection key is shared through the file system: only the database
/// can make a cookie from one open on another.
/// </summary>
public sealed class SiteInstance : IAsyncDisposable
{
    private static readonly string SiteDll = Path.Combine(AppContext.BaseDirectory, "HistoryEngine.Web.dll");

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private SiteInstance(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed (the first 64 KB), for a failure's message.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the site and waits until /health/ready answers 200.</summary>
    public static async Task<SiteInstance> StartAsync(string connectionString, TimeSpan timeout)
    {
        var folder = Directory.CreateTempSubdirectory("he-instance-").FullName;
        const string certificatePassword = "instance-test";
        var certificate = Path.Combine(folder, "site.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSignedCertificate(certificatePassword));
        var baseAddress = new Uri($"https://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [SiteDll])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.Environment["Kestrel__Certificates__Default__Path"] = certificate;
        start.Environment["Kestrel__Certificates__Default__Password"] = certificatePassword;
        start.Environment["AllowedHosts"] = "127.0.0.1";
        start.Environment["Store__Provider"] = "PostgreSql";
        start.Environment["ConnectionStrings__Records"] = connectionString;
        start.Environment["Questionnaires__Path"] = TestPaths.Questionnaires;
        start.Environment["HOME"] = folder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the site");
        var site = new SiteInstance(process, folder, baseAddress);
        process.OutputDataReceived += (_, e) => site.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => site.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient(Handler(null)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var began = Stopwatch.GetTimestamp();
        while (true)
        {
            if (process.HasExited)
            {
                var output = site.Output;
                await site.DisposeAsync();
                throw new InvalidOperationException($"the site exited with {process.ExitCode}:\n{output}");
            }
            if (Stopwatch.GetElapsedTime(began) > timeout)
            {
                var output = site.Output;
                await site.DisposeAsync();
                throw new TimeoutException($"the site was not ready within {timeout.TotalSeconds} s:\n{output}");
            }
            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                    return site;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
    }

    /// <summary>A handler for these instances: the given cookies (shared by every instance, as one browser's are behind
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

    /// <summary>A browser-like client on this instance with <paramref name="cookies"/>.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(Handler(cookies)) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Ends the process at once, as a crash or a power cut would (SIGKILL: no shutdown, nothing flushed).</summary>
    public void KillNow()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
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
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { } // best effort: a temp folder left behind harms nothing
    }

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
