using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Startup;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>What several site instances on one PostgreSQL database share, seen through two in-memory sites on one
/// schema (the real two-process run is SeveralInstancesTests): the sign-in limit, the key ring, and the proxies
/// believed; and the health endpoints a load balancer asks.</summary>
public sealed class SharedInstanceStateTests : IDisposable
{
    private readonly TestPostgres _database = new();
    private readonly CuttableProxy _proxy = new(TestPostgres.ServerConnectionString);

    private TestSite OnTheDatabase(IReadOnlyDictionary<string, string>? settings = null) => new()
    {
        Provider = StoreProvider.PostgreSql,
        Settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["ConnectionStrings:Records"] = _proxy.ConnectionString(_database.ConnectionString),
        },
    };

    private static async Task<HttpResponseMessage> SignInFromAsync(HttpClient client, string address, string user,
        string password, string? forwardedFor = null)
    {
        var page = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        page.Headers.Add(TestSite.RemoteAddressHeader, address);
        var token = Forms.AntiforgeryToken(await (await client.SendAsync(page)).Content.ReadAsStringAsync());
        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add(TestSite.RemoteAddressHeader, address);
        if (forwardedFor is not null)
            post.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(post);
    }

    [Fact]
    public async Task FailedSignInsSpreadOverTwoInstances_CountTogether_AndTheAddressIsRefusedOnBoth()
    {
        using var first = OnTheDatabase();
        using var second = OnTheDatabase();
        await first.AddPersonAsync(Role.Patient, "alex");
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
            await SignInFromAsync((i % 2 == 0 ? first : second).Browser(), "203.0.113.7", $"user{i}", "Password1");

        var refusedFirst = await SignInFromAsync(first.Browser(), "203.0.113.7", "alex", TestSite.Password);
        var refusedSecond = await SignInFromAsync(second.Browser(), "203.0.113.7", "alex", TestSite.Password);
        var elsewhere = await SignInFromAsync(second.Browser(), "198.51.100.2", "alex", TestSite.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refusedFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedSecond.StatusCode);
        Assert.Equal("/Patient", elsewhere.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task NineteenFailuresOverTwoInstances_StillLetTheRightPasswordIn_AndTheCountEndsWithTheWindow()
    {
        using var first = OnTheDatabase();
        using var second = OnTheDatabase();
        await first.AddPersonAsync(Role.Patient, "sam");
        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++)
            await SignInFromAsync((i % 2 == 0 ? first : second).Browser(), "203.0.113.8", $"user{i}", "Password1");
        var nineteen = await SignInFromAsync(second.Browser(), "203.0.113.8", "sam", TestSite.Password);
        await SignInFromAsync(first.Browser(), "203.0.113.8", "user-x", "Password1");
        var twenty = await SignInFromAsync(second.Browser(), "203.0.113.8", "sam", TestSite.Password);
        second.Clock.Advance(SignInThrottle.Window);
        var later = await SignInFromAsync(second.Browser(), "203.0.113.8", "sam", TestSite.Password);

        Assert.Equal("/Patient", nineteen.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.TooManyRequests, twenty.StatusCode);
        Assert.Equal("/Patient", later.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ACookieMadeByOneInstance_OpensOnTheOther_ThroughTheKeyRingInTheDatabase()
    {
        using var first = OnTheDatabase();
        using var second = OnTheDatabase();
        var client = await first.SignedInAsync(Role.Patient, TestSite.UniqueName("robin"));
        var cookie = string.Join("; ", (await Cookies(client)).Select(c => c));

        var other = second.Browser();
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        var page = await other.GetAsync("/Patient");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(1L, _database.Scalar<long>("select count(*) from data_protection_keys"));
    }

    /// <summary>The cookies a client sends (its handler adds them to each request), as the Cookie header's values.</summary>
    private static async Task<IEnumerable<string>> Cookies(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/Patient");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return request.Headers.TryGetValues("Cookie", out var values) ? values : [];
    }

    [Fact]
    public async Task ForwardedFor_IsBelievedFromAConfiguredProxyNetwork_AndIgnoredFromAnyOtherAddress()
    {
        using var site = OnTheDatabase(new Dictionary<string, string> { [ReverseProxy.KnownNetworksKey] = "10.20.0.0/16" });
        await site.AddPersonAsync(Role.Patient, "kim");
        // Twenty failures through the trusted proxy from one patient's address, and twenty sent straight from an
        // untrusted address that claims to be someone else.
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            await SignInFromAsync(site.Browser(), "10.20.3.4", $"user{i}", "Password1", forwardedFor: "203.0.113.20");
            await SignInFromAsync(site.Browser(), "192.0.2.50", $"user{i}", "Password1", forwardedFor: "203.0.113.21");
        }

        // The patient behind the proxy is refused; another patient behind the same proxy is not.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await SignInFromAsync(site.Browser(), "10.20.3.4", "kim", TestSite.Password, forwardedFor: "203.0.113.20")).StatusCode);
        Assert.Equal("/Patient",
            (await SignInFromAsync(site.Browser(), "10.20.3.4", "kim", TestSite.Password, forwardedFor: "203.0.113.22")).Headers.Location?.OriginalString);
        // The untrusted sender's claim was ignored: its own address is refused, the address it claimed is not.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await SignInFromAsync(site.Browser(), "192.0.2.50", "kim", TestSite.Password, forwardedFor: "203.0.113.99")).StatusCode);
        Assert.Equal("/Patient",
            (await SignInFromAsync(site.Browser(), "10.20.3.5", "kim", TestSite.Password, forwardedFor: "203.0.113.21")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Health_LiveAndReady_AreAnonymous_SayOnlyHealthy_AndAreNotAudited_ReadyIs503WithoutTheDatabase()
    {
        using var site = OnTheDatabase();
        var client = site.Browser();
        var auditBefore = (await site.Store.ListAuditAsync(null, 1000)).Count;

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        Assert.True(ready.Headers.CacheControl?.NoStore == true || ready.Headers.CacheControl?.NoCache == true);

        _proxy.Cut();
        var down = await client.GetAsync("/health/ready");
        var stillLive = await client.GetAsync("/health/live");
        _proxy.Restore();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (down.StatusCode, await down.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(auditBefore, (await site.Store.ListAuditAsync(null, 1000)).Count);
    }

    [Theory]
    [InlineData("ReverseProxy__KnownNetworks", "10.0.0.0/99", "ReverseProxy:KnownNetworks has \"10.0.0.0/99\"")]
    [InlineData("ReverseProxy__KnownProxies", "proxy.example", "ReverseProxy:KnownProxies has \"proxy.example\"")]
    [InlineData("ReverseProxy__ForwardLimit", "0", "ReverseProxy:ForwardLimit is \"0\"")]
    public async Task AProxySettingThatCannotBeRead_StopsStartUp_WithOneLineNamingIt(string name, string value, string expected)
    {
        var (exitCode, _, stderr) = await SiteProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            [name] = value,
        }, "Now listening", TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("HistoryEngine: cannot start: " + expected, line);
    }

    [Fact]
    public async Task Health_OnLiteDb_LiveAndReadyAnswerHealthy()
    {
        using var site = new TestSite();
        var client = site.Browser();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }

    public void Dispose()
    {
        _proxy.Dispose();
        _database.Dispose();
    }
}
