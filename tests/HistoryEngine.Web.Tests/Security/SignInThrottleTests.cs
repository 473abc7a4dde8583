using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Tests.Site;

namespace HistoryEngine.Web.Tests.Security;

/// <summary>Per-address limits on failed sign-ins, across accounts (the per-account lockout is in SignInTests).</summary>
public class SignInThrottleTests
{
    private static async Task<HttpResponseMessage> SignInFromAsync(HttpClient client, string address, string user, string password)
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
        return await client.SendAsync(post);
    }

    [Fact]
    public async Task TwentyFailuresFromOneAddress_AcrossAccounts_RefuseThatAddressFor15Minutes_ButNotOthers()
    {
        using var site = new TestSite();
        await site.AddPersonAsync(Role.Patient, "alex");
        var client = site.Browser();
        // A password sprayed over many user names: no single account reaches its own lockout.
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
            Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, "203.0.113.7", $"user{i}", "Password1")).StatusCode);

        var refused = await SignInFromAsync(client, "203.0.113.7", "alex", TestSite.Password);
        var elsewhere = await SignInFromAsync(site.Browser(), "198.51.100.2", "alex", TestSite.Password);
        site.Clock.Advance(SignInThrottle.Window);
        var later = await SignInFromAsync(site.Browser(), "203.0.113.7", "alex", TestSite.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("too many attempts to sign in from your network", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("HistoryEngine.Session=")));
        Assert.Equal("/Patient", elsewhere.Headers.Location?.OriginalString);
        Assert.Equal("/Patient", later.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task NineteenFailures_StillLetTheRightPasswordIn()
    {
        using var site = new TestSite();
        await site.AddPersonAsync(Role.Patient, "alex");
        var client = site.Browser();
        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++)
            await SignInFromAsync(client, "203.0.113.8", $"user{i}", "Password1");

        var response = await SignInFromAsync(client, "203.0.113.8", "alex", TestSite.Password);

        Assert.Equal("/Patient", response.Headers.Location?.OriginalString);
    }
}
