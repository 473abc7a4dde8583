using System.Net;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Features.Account;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using HistoryEngine.Web.Tests.Site;

namespace HistoryEngine.Web.Tests.Security;

/// <summary>Clinicians and admins sign in with a password and a TOTP code; the codes are computed here from the
/// secret at the site's (fixed, movable) clock, as an authenticator app would.</summary>
[Collection(SharedSite.Collection)]
public partial class TwoFactorTests(SharedSite site)
{
    private readonly string _rowan = TestSite.UniqueName("rowan");

    private async Task<(TestSite Site, Person Person)> EnrolledAsync(Role role = Role.Clinician)
    {
        var person = await site.AddPersonAsync(role, _rowan);
        await site.TwoFactor.EnrolTwoFactorAsync(person.Id, TestSite.TotpSecret,
            [RecoveryCodes.Hash("abcde-fghjk")], 0);
        return (site, person);
    }

    private static string? Location(HttpResponseMessage r) => r.Headers.Location?.OriginalString;

    [Theory]
    [InlineData(Role.Clinician, "/Clinician")]
    [InlineData(Role.Admin, "/Admin")]
    public async Task StaffWithoutASecondFactor_AreSentToEnrol_BeforeAnyStaffPage_ThenSeeRecoveryCodesOnce(Role role, string home)
    {
        var person = await site.AddPersonAsync(role, _rowan);
        var client = site.Browser();

        var signedIn = await SignIn.PasswordAsync(client, _rowan, TestSite.Password);
        var staffPage = await client.GetAsync(home);
        var enrolHtml = await client.GetStringAsync("/Account/Enrol");
        var secret = SecretPattern().Match(enrolHtml).Groups[1].Value.Replace(" ", "");
        var wrong = await PostEnrolAsync(client, enrolHtml, "000000");
        var right = await PostEnrolAsync(client, await wrong.Content.ReadAsStringAsync(), site.CodeNow(secret));
        var rightHtml = await right.Content.ReadAsStringAsync();

        Assert.Equal("/Account/Enrol", Location(signedIn));
        Assert.Equal("/Account/Enrol", Location(staffPage));
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        Assert.Contains($"otpauth://totp/HistoryEngine:{Uri.EscapeDataString(person.DisplayName)}?secret={secret}&amp;issuer=HistoryEngine", enrolHtml);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(EnrolModel.WrongCode), await wrong.Content.ReadAsStringAsync());
        var shown = RecoveryPattern().Matches(rightHtml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(RecoveryCodes.Count, shown.Count);
        var stored = (await site.TwoFactor.GetTwoFactorAsync(person.Id))!;
        Assert.Equal(secret, stored.Secret);
        Assert.Equal(shown.Select(RecoveryCodes.Hash).Order(), stored.RecoveryCodeHashes.Order());
        Assert.DoesNotContain(shown, c => stored.RecoveryCodeHashes.Contains(c));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(home)).StatusCode);
        var again = await client.GetAsync("/Account/Enrol");
        Assert.Equal(home, Location(again)); // the codes are not shown a second time
    }

    [Fact]
    public async Task EnrolledClinician_NeedsTheCode_AndThePasswordAloneOpensNoPage()
    {
        await EnrolledAsync();
        var client = site.Browser();

        var afterPassword = await SignIn.PasswordAsync(client, _rowan, TestSite.Password);
        var queueWithPasswordOnly = await client.GetAsync("/Clinician");
        var wrongCode = await SignIn.CodeAsync(client, "123456" == site.CodeNow() ? "654321" : "123456");
        var rightCode = await SignIn.CodeAsync(client, site.CodeNow());

        Assert.StartsWith("/Account/TwoFactor", Location(afterPassword));
        Assert.DoesNotContain(afterPassword.Headers.GetValues("Set-Cookie"), c => c.StartsWith("HistoryEngine.Session="));
        Assert.StartsWith("/Account/SignIn", queueWithPasswordOnly.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, wrongCode.StatusCode);
        Assert.Contains("The code is not right", await wrongCode.Content.ReadAsStringAsync());
        Assert.Equal("/Clinician", Location(rightCode));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Clinician")).StatusCode);
    }

    [Theory]
    [InlineData(-30, true)]  // the phone is a step behind: accepted
    [InlineData(30, true)]   // a step ahead: accepted
    [InlineData(-60, false)] // two steps: refused
    [InlineData(90, false)]
    public async Task Code_IsAcceptedOneStepEitherSideOfNow_AndNoFurther(int offsetSeconds, bool accepted)
    {
        await EnrolledAsync();
        var client = site.Browser();
        await SignIn.PasswordAsync(client, _rowan, TestSite.Password);
        var code = TestCredentials.CodeAt(new FakeTimeProvider(site.Clock.GetUtcNow().AddSeconds(offsetSeconds)));

        var response = await SignIn.CodeAsync(client, code);

        Assert.Equal(accepted ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ACodeUsedOnce_CannotBeReplayed_InAnotherSignIn()
    {
        await EnrolledAsync();
        var code = site.CodeNow();
        var first = site.Browser();
        await SignIn.PasswordAsync(first, _rowan, TestSite.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.CodeAsync(first, code)).StatusCode);

        var second = site.Browser();
        await SignIn.PasswordAsync(second, _rowan, TestSite.Password);
        var replayed = await SignIn.CodeAsync(second, code);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        site.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.CodeAsync(second, site.CodeNow())).StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_WorksOnce_IgnoringCaseAndSpaces()
    {
        var (_, person) = await EnrolledAsync();
        var first = site.Browser();
        await SignIn.PasswordAsync(first, _rowan, TestSite.Password);
        var used = await SignIn.CodeAsync(first, " ABCDE FGHJK ");

        var second = site.Browser();
        await SignIn.PasswordAsync(second, _rowan, TestSite.Password);
        var again = await SignIn.CodeAsync(second, "abcde-fghjk");

        Assert.Equal("/Clinician", Location(used));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty((await site.TwoFactor.GetTwoFactorAsync(person.Id))!.RecoveryCodeHashes);
    }

    [Fact]
    public async Task WrongCodes_LockTheAccount_AndGivingThePasswordAgainDoesNotResetTheCount()
    {
        var (_, person) = await EnrolledAsync();
        var client = site.Browser();
        for (var i = 0; i < PasswordSignIn.LockAfter; i++)
        {
            // The password again before each guess: that must not buy more guesses.
            await SignIn.PasswordAsync(client, _rowan, TestSite.Password);
            await SignIn.CodeAsync(client, site.CodeNow() == "111111" ? "222222" : "111111");
        }

        var passwordWhileLocked = await SignIn.PasswordAsync(client, _rowan, TestSite.Password);

        Assert.True((await site.Store.GetPersonAsync(person.Id))!.IsLockedOut(site.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, passwordWhileLocked.StatusCode);
        var audit = await site.Store.ListAuditAsync(null, 50);
        Assert.Contains(audit, e => e.Details == "wrong code; account locked");
    }

    [Fact]
    public async Task ThePasswordStep_ExpiresAfterFiveMinutes()
    {
        await EnrolledAsync();
        var client = site.Browser();
        await SignIn.PasswordAsync(client, _rowan, TestSite.Password);
        var token = Forms.AntiforgeryToken(await client.GetStringAsync("/Account/TwoFactor"));

        site.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await client.PostAsync("/Account/TwoFactor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = site.CodeNow(),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.StartsWith("/Account/SignIn", Location(late));
        Assert.StartsWith("/Account/SignIn", (await client.GetAsync("/Clinician")).Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Patients_AreNotAskedForACode_AndTheCodePageWithoutAPasswordSendsToSignIn()
    {
        await site.AddPersonAsync(Role.Patient, _rowan);
        var client = site.Browser();

        var codePageFirst = await client.GetAsync("/Account/TwoFactor");
        var signedIn = await SignIn.PasswordAsync(client, _rowan, TestSite.Password);

        Assert.StartsWith("/Account/SignIn", Location(codePageFirst));
        Assert.Equal("/Patient", Location(signedIn));
    }

    private static async Task<HttpResponseMessage> PostEnrolAsync(HttpClient client, string html, string code) =>
        await client.PostAsync("/Account/Enrol", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Setup"] = System.Net.WebUtility.HtmlDecode(SetupPattern().Match(html).Groups[1].Value),
            ["Code"] = code,
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(html),
        }));

    [GeneratedRegex("""<code id="totp-secret">([A-Z2-7 ]+)</code>""")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("""<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>""")]
    private static partial Regex RecoveryPattern();

    [GeneratedRegex("name=\"Setup\" value=\"([^\"]+)\"")]
    private static partial Regex SetupPattern();
}
