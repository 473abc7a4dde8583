using System.Net;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>
/// Issue 12, points 9 and 10: in Production the site refuses to start on settings that would expose patients'
/// data (any Host header accepted, an unencrypted store, the store's key in the site's settings file), unless
/// configuration says on purpose that it is meant; a refusal is one clear line on stderr and a non-zero exit.
/// Where hosts are configured, a request for another host is a 400.
/// </summary>
public sealed class ProductionStartupTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("he-production-").FullName;
    private string StorePath => Path.Combine(_folder, "data", "historyengine.db");

    /// <summary>A Production start with everything a live site needs; each test takes one thing away.</summary>
    private Dictionary<string, string> Live() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Store__Path"] = StorePath,
        ["Store__Password"] = "a long passphrase kept outside the data folder",
        ["AllowedHosts"] = "practice.example",
    };

    private static string OneLine(int? exitCode, string stderr)
    {
        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("HistoryEngine: refusing to start in Production", line);
        Assert.DoesNotContain(" at ", line);
        Assert.DoesNotContain("Exception", line);
        return line;
    }

    [Fact]
    public async Task WithEverythingSet_ItStarts()
    {
        var (exitCode, stdout, stderr) = await SiteProcess.RunAsync(Live(), "Now listening", Timeout);

        Assert.Null(exitCode); // still running when it said it was listening (then stopped by the test)
        Assert.Contains("Now listening", stdout + stderr);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    [InlineData("practice.example;*")]
    public async Task WithAnyHostAllowed_ItRefuses_NamingAllowedHosts(string? allowedHosts)
    {
        var environment = Live();
        if (allowedHosts is null)
            environment.Remove("AllowedHosts");
        else
            environment["AllowedHosts"] = allowedHosts;

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(environment, "Now listening", Timeout);

        Assert.Contains("AllowedHosts", OneLine(exitCode, stderr));
        Assert.False(File.Exists(StorePath), "the store must not be created by a site that refuses to start");
    }

    // Each refusal has a setting that says "this is meant": with it, the site starts.
    [Theory]
    [InlineData("AllowedHosts", "*", "Security__AllowAnyHost")]
    [InlineData("Store__Password", null, "Store__AllowUnencrypted")]
    public async Task WithARefusedSetting_SaidToBeMeant_ItStarts(string name, string? value, string meant)
    {
        var environment = Live();
        if (value is null)
            environment.Remove(name);
        else
            environment[name] = value;
        environment[meant] = "true";

        var (exitCode, stdout, stderr) = await SiteProcess.RunAsync(environment, "Now listening", Timeout);

        Assert.Null(exitCode);
        Assert.Contains("Now listening", stdout + stderr);
    }

    [Fact]
    public async Task WithoutAStorePassword_ItRefuses_AndCreatesNoUnencryptedStore()
    {
        var environment = Live();
        environment.Remove("Store__Password");

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(environment, "Now listening", Timeout);

        Assert.Contains("Store:Password is not set", OneLine(exitCode, stderr));
        Assert.False(File.Exists(StorePath));
    }

    [Fact]
    public async Task WithTheStorePasswordInTheSitesSettingsFile_ItRefuses()
    {
        var environment = Live();
        environment.Remove("Store__Password");
        var settings = new Dictionary<string, string> { ["appsettings.json"] = """{ "Store": { "Password": "k3y-in-the-wrong-place" } }""" };

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(environment, "Now listening", Timeout, settings);

        var line = OneLine(exitCode, stderr);
        Assert.Contains("appsettings.json", line);
        Assert.DoesNotContain("k3y-in-the-wrong-place", line); // the key itself is never printed
    }

    [Fact]
    public async Task WithAPasswordSet_OnAStoreMadeWithout_ItSaysSoInOneLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        HistoryEngine.Web.Infrastructure.Records.LiteDb.LiteDbRecordStore.Open(StorePath, null, TimeProvider.System).Dispose();

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Live(), "Now listening", Timeout);

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("the file is not encrypted", line);
        Assert.Contains("Encrypt an existing store", line);
    }

    [Fact]
    public async Task ARequestForAnotherHost_WhereHostsAreConfigured_IsA400()
    {
        using var site = new TestSite { Settings = new Dictionary<string, string> { ["AllowedHosts"] = "practice.example" } };
        var client = site.Browser();

        var ours = await client.GetAsync("/Account/SignIn");
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        request.Headers.Host = "evil.example";
        var theirs = await client.SendAsync(request);
        var redirect = new HttpRequestMessage(HttpMethod.Get, "/Patient");
        redirect.Headers.Host = "evil.example";
        var notRedirected = await client.SendAsync(redirect);

        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notRedirected.StatusCode);
        Assert.DoesNotContain("evil.example", notRedirected.Headers.Location?.ToString() ?? "");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { } // best effort
    }
}
