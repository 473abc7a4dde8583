using System.Net;
using HistoryEngine.Web.Features.Account;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site;

[Collection(SharedSite.Collection)]
public class SignInTests(SharedSite site)
{
    private readonly string _alex = TestSite.UniqueName("alex");

    [Fact]
    public async Task TheSignInPage_SpeaksOfThePasswordPeopleChose_AndSaysToAskForAResetLink()
    {
        // Issue 15 point 12: people set their own password from the practice's link, so the practice never "gave" one.
        var html = await site.Browser().GetStringAsync("/Account/SignIn");
        var front = await site.Browser().GetStringAsync("/");

        Assert.Contains("Sign in with your user name and the password you chose.", html);
        Assert.Contains("If you have forgotten your password, ask your GP practice for a link to reset it.", html);
        Assert.DoesNotContain("gave you", html);
        Assert.DoesNotContain("gave you", front);
    }

    [Fact]
    public async Task SignIn_WithTheRightPassword_GoesToTheRoleHomeWithASecureHttpOnlyCookie()
    {
        await site.AddPersonAsync(Role.Patient, _alex);
        var client = site.Browser();

        var response = await SignIn.PasswordAsync(client, _alex.ToUpperInvariant(), TestSite.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Patient", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("HistoryEngine.Session="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patient")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_ShowsTheErrorSummaryLinkedToTheField()
    {
        await site.AddPersonAsync(Role.Patient, _alex);

        var response = await SignIn.PasswordAsync(site.Browser(), _alex, "wrong");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nhsuk-error-summary", html);
        Assert.Contains("href=\"#UserName\"", html);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("HistoryEngine.Session=")));
    }

    [Fact]
    public async Task SignIn_WithEmptyFields_AsksForEachOne()
    {
        var html = await (await SignIn.PasswordAsync(site.Browser(), "", "")).Content.ReadAsStringAsync();

        Assert.Contains("Enter your user name", html);
        Assert.Contains("Enter your password", html);
        Assert.Contains("href=\"#Password\"", html);
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_RefusesEvenTheRightPasswordUntil15MinutesHavePassed()
    {
        await site.AddPersonAsync(Role.Patient, _alex);
        var client = site.Browser();
        for (var i = 0; i < PasswordSignIn.LockAfter; i++)
            await SignIn.PasswordAsync(client, _alex, "wrong");

        var whileLocked = await SignIn.PasswordAsync(client, _alex, TestSite.Password);
        site.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterwards = await SignIn.PasswordAsync(client, _alex, TestSite.Password);

        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode);
        Assert.Contains(Encode(SignInModel.Refused), await whileLocked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownAccount_GetsExactlyTheSameMessageAsAWrongPassword()
    {
        await site.AddPersonAsync(Role.Patient, _alex);

        var unknown = await (await SignIn.PasswordAsync(site.Browser(), "nobody", "x")).Content.ReadAsStringAsync();
        var wrong = await (await SignIn.PasswordAsync(site.Browser(), _alex, "x")).Content.ReadAsStringAsync();

        Assert.Contains(Encode(SignInModel.Refused), unknown);
        Assert.Equal(ErrorSummary(unknown), ErrorSummary(wrong));
    }

    [Fact]
    public async Task SignIn_WithAReturnUrlToAnotherSite_IgnoresIt()
    {
        await site.AddPersonAsync(Role.Patient, _alex);
        var client = site.Browser();
        var token = Forms.AntiforgeryToken(await client.GetStringAsync("/Account/SignIn"));

        var response = await client.PostAsync("/Account/SignIn?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = _alex, ["Password"] = TestSite.Password, ["__RequestVerificationToken"] = token,
            }));

        Assert.Equal("/Patient", response.Headers.Location?.OriginalString);
    }

    private static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private static string ErrorSummary(string html)
    {
        var start = html.IndexOf("nhsuk-error-summary", StringComparison.Ordinal);
        return html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }
}
