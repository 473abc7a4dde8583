using System.Net;
using System.Text.RegularExpressions;
using System.Reflection;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HistoryEngine.Web.Tests.Site;

[Collection(SharedSite.Collection)]
public class HardeningTests(SharedSite site)
{
    private readonly string _alex = TestSite.UniqueName("alex");
    private readonly string _someone = TestSite.UniqueName("someone");

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/SignIn")]
    [InlineData("/no/such/page")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await site.Browser().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRejected()
    {
        await site.AddPersonAsync(Role.Patient, _alex);
        var client = site.Browser();
        await client.GetAsync("/Account/SignIn"); // has the antiforgery cookie, but will not send the form token

        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["UserName"] = _alex, ["Password"] = TestSite.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie")
            && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("HistoryEngine.Session=")));
    }

    [Fact]
    public async Task SignOut_WithoutTheToken_LeavesTheSessionAlone()
    {
        var client = await site.SignedInAsync(Role.Patient, _alex);

        var response = await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patient")).StatusCode);
    }

    [Theory]
    [InlineData(Role.Patient, "/Patient")]
    [InlineData(Role.Clinician, "/Clinician")]
    [InlineData(Role.Admin, "/Admin")]
    public async Task SignedInPages_HaveNoInlineScriptOrStyle_AndAreNotCached(Role role, string path)
    {
        var client = await site.SignedInAsync(role, _someone);

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.Headers.CacheControl?.NoStore, "pages with personal data must not be cached");
        Assert.All(Regex.Matches(html, "<script[^>]*>"), m => Assert.Contains(" src=", m.Value));
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain(" onclick=", html);
    }

    [Fact]
    public async Task UnhandledException_OnAPost_GivesTheFriendlyPageWithoutDetails()
    {
        using var broken = new TestSite
        {
            ReplaceServices = services =>
            {
                services.RemoveAll<IRecordStore>();
                services.AddSingleton(BrokenStore.Create());
            },
        };
        var client = broken.Browser();

        var response = await SignIn.PasswordAsync(client, _alex, "whatever");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, there is a problem with the service", html);
        Assert.DoesNotContain(BrokenStore.Secret, html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task ErrorPage_IsFriendlyAndShowsNoDetails()
    {
        var html = await site.Browser().GetStringAsync("/Error");

        Assert.Contains("Sorry, there is a problem with the service", html);
        Assert.DoesNotContain("Exception", html);
    }
}

/// <summary>A record store whose every call fails, with a detail that must never reach a page.</summary>
public class BrokenStore : DispatchProxy
{
    public const string Secret = "connection string with a secret in it";

    public static IRecordStore Create() => Create<IRecordStore, BrokenStore>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException(Secret);
}
