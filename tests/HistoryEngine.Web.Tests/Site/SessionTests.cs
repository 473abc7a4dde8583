using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site;

[Collection(SharedSite.Collection)]
public class SessionTests(SharedSite site)
{
    private readonly string _alex = TestSite.UniqueName("alex");

    [Fact]
    public async Task SignOut_PostedWithTheToken_EndsTheSession()
    {
        var client = await site.SignedInAsync(Role.Patient, _alex);
        var token = Forms.AntiforgeryToken(await client.GetStringAsync("/Patient"));

        var response = await client.PostAsync("/Account/SignOut",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("You have signed out", await client.GetStringAsync("/Account/SignOut"));
        Assert.StartsWith("/Account/SignIn", (await client.GetAsync("/Patient")).Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task SignOut_ACopyOfTheCookieTakenBeforeIt_IsRefusedToo()
    {
        await site.AddPersonAsync(Role.Patient, _alex);
        var client = site.Browser();
        var signIn = await SignIn.PasswordAsync(client, _alex, TestSite.Password);
        // What someone at a shared computer, or with a copy of the browser's data, would have.
        var copied = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("HistoryEngine.Session=", StringComparison.Ordinal)).Split(';')[0];
        var thief = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://practice.example") });
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Patient")).StatusCode);

        var token = Forms.AntiforgeryToken(await client.GetStringAsync("/Patient"));
        await client.PostAsync("/Account/SignOut",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var afterwards = await thief.GetAsync("/Patient");

        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/Account/SignIn", afterwards.Headers.Location?.PathAndQuery);
        // Signing in again starts a new session that works.
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PasswordAsync(client, _alex, TestSite.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patient")).StatusCode);
    }

    [Fact]
    public async Task Session_IdleForMoreThan20Minutes_HasToSignInAgain()
    {
        var client = await site.SignedInAsync(Role.Patient, _alex);

        site.Clock.Advance(TimeSpan.FromMinutes(21));
        var response = await client.GetAsync("/Patient");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Session_KeptBusy_StillEndsEightHoursAfterSignIn()
    {
        var client = await site.SignedInAsync(Role.Patient, _alex);

        // A request every 15 minutes keeps the idle limit from ever being reached.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(8) - TimeSpan.FromMinutes(15); elapsed += TimeSpan.FromMinutes(15))
        {
            site.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patient")).StatusCode);
        }
        site.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await client.GetAsync("/Patient");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.PathAndQuery);
    }
}
