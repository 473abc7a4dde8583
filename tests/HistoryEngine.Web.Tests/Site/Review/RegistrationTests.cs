using System.Net;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// Issue 15 point 4: the practice registers a patient and edits their details (NHS number checked, shown 3-3-4; phone;
/// sex), and gives them one-time links to choose a password: an invitation, and later a reset. Each link works once,
/// until it expires, is kept only as a hash, and every issue and use is audited.
/// </summary>
[Collection(SharedSite.Collection)]
public partial class RegistrationTests(SharedSite site)
{
    private static (string, string)[] Details(string userName, string nhs = "999 000 0034", string phone = "07700 900789") =>
    [
        ("name", "Robin <Registered>"), ("userName", userName), ("dobDay", "27"), ("dobMonth", "3"), ("dobYear", "1980"),
        ("nhsNumber", nhs), ("phone", phone), ("email", ""), ("sex", "Female"),
    ];

    private static async Task<(HttpResponseMessage Response, string Html)> RegisterAsync(ReviewSite r, params (string, string)[] fields)
    {
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician/Register");
        var response = await ReviewSite.PostAsync(r.ClinicianClient, "/Clinician/Register", page, fields);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string TokenIn(string html) => LinkPattern().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("No link on the page.");

    private Task<HttpResponseMessage> SetPasswordAsync(string token, string password, string? confirm = null) =>
        SetPasswordAsync(site, token, password, confirm);

    private static async Task<HttpResponseMessage> SetPasswordAsync(TestSite on, string token, string password, string? confirm = null)
    {
        var anonymous = on.Browser();
        var (status, page) = await ReviewSite.GetAsync(anonymous, "/Account/SetPassword/" + token);
        if (status != HttpStatusCode.OK)
            return new HttpResponseMessage(status) { Content = new StringContent(page) };
        return await ReviewSite.PostAsync(anonymous, "/Account/SetPassword/" + token, page, ("password", password), ("confirm", confirm ?? password));
    }

    [Fact]
    public async Task ThePractice_RegistersAPatient_WhoSetsTheirPasswordWithTheInvitation_OnceOnly()
    {
        using var r = await ReviewSite.StartAsync(site);
        var userName = TestSite.UniqueName("robin");

        var (response, html) = await RegisterAsync(r, Details(userName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Robin &lt;Registered&gt; is registered", html);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var token = TokenIn(html);
        var patient = (await r.Site.Store.FindPersonByUserNameAsync(userName))!;
        Assert.Equal((Role.Patient, "Robin <Registered>", new DateOnly(1980, 3, 27), "9990000034", "07700 900789", HistoryEngine.Runtime.PatientSex.Female, ""),
            (patient.Role, patient.DisplayName, patient.DateOfBirth, patient.NhsNumber, patient.Phone, patient.Sex, patient.PasswordHash));
        // Only the token's hash is kept, and the audit names the link by its id.
        var link = Assert.Single(await r.Site.Store.ListAccountLinksAsync(patient.Id));
        Assert.Equal(AccountLinkTokens.Hash(token), link.TokenHash);
        Assert.InRange(link.ExpiresAt, r.Site.Clock.GetUtcNow().AddDays(7).AddSeconds(-1), r.Site.Clock.GetUtcNow().AddDays(7));
        var audit = await r.AuditAsync(patient.Id);
        Assert.Contains(audit, e => e.Action == ReviewAudit.PatientRegistered && e.ActorId == r.Clinician.Id);
        Assert.Contains(audit, e => e.Action == ReviewAudit.LinkIssued && e.Details!.Contains(link.Id));
        Assert.DoesNotContain(audit, e => e.Details!.Contains(token));
        // The patient cannot sign in before choosing a password.
        Assert.Equal(HttpStatusCode.OK, (await SignIn.PasswordAsync(r.Site.Browser(), userName, "any password at all")).StatusCode);

        var set = await SetPasswordAsync(token, "a long new password");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("Your password is set", await set.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PasswordAsync(r.Site.Browser(), userName, "a long new password")).StatusCode);
        Assert.Contains(await r.AuditAsync(patient.Id), e => e.Action == ReviewAudit.LinkUsed && e.ActorId == patient.Id);
        // Used once: the link works no more, and says so without saying why.
        var again = await SetPasswordAsync(token, "another password");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("This link does not work", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PasswordAsync(r.Site.Browser(), userName, "a long new password")).StatusCode);
    }

    [Fact]
    public async Task AnInvitation_AtItsExpiry_DoesNotWork_AndJustBeforeItDoes()
    {
        // A site of its own: the clock moves on a week, which the shared site's other tests should not see.
        using var r = await ReviewSite.StartAsync();
        var (_, first) = await RegisterAsync(r, Details(TestSite.UniqueName("late"), nhs: ""));
        var (_, second) = await RegisterAsync(r, Details(TestSite.UniqueName("prompt"), nhs: ""));

        r.Site.Clock.Advance(AccountLinkTokens.InvitationLasts - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await SetPasswordAsync(r.Site, TokenIn(second), "in time password")).StatusCode);
        r.Site.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = await SetPasswordAsync(r.Site, TokenIn(first), "too late password");

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Contains("This link does not work", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownToken_GetsTheSamePageAsASpentOne_AndIsAudited()
    {
        var before = (await site.Store.ListAuditAsync(null, 1000)).Count(e => e.Action == ReviewAudit.LinkRefused);

        var response = await SetPasswordAsync("not-a-token", "whatever password");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, (await site.Store.ListAuditAsync(null, 1000)).Count(e => e.Action == ReviewAudit.LinkRefused));
    }

    [Fact]
    public async Task APasswordTooShortOrNotMatching_IsShownNextToItsField_AndTheLinkStillWorks()
    {
        using var r = await ReviewSite.StartAsync(site);
        var (_, html) = await RegisterAsync(r, Details(TestSite.UniqueName("short"), nhs: ""));
        var token = TokenIn(html);

        var tooShort = await SetPasswordAsync(token, "1234567");
        var mismatch = await SetPasswordAsync(token, "12345678", "12345679");
        var exactlyEight = await SetPasswordAsync(token, "12345678");

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("""<span class="nhsuk-error-message" id="password-error"><span class="nhsuk-u-visually-hidden">Error:</span> Password must be 8 characters or more</span>""",
            await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("The passwords do not match", await mismatch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, exactlyEight.StatusCode);
    }

    [Theory]
    [InlineData("nhsNumber", "999 000 0019", "Enter a valid NHS number")]
    [InlineData("nhsNumber", "999 000 001", "NHS number must be 10 numbers")]
    [InlineData("phone", "call me", "Enter a telephone number")]
    [InlineData("dobDay", "31", "Date of birth must be a real date")] // 31 February
    [InlineData("name", "  ", "Enter the patient&#x27;s full name")]
    public async Task ADetailThatIsNotRight_IsShownNextToItsField_AndNothingIsStored(string field, string value, string message)
    {
        using var r = await ReviewSite.StartAsync(site);
        var userName = TestSite.UniqueName("wrong");
        var fields = Details(userName).Select(f => f.Item1 == field ? (f.Item1, value) : f).ToArray();
        if (field == "dobDay")
            fields = [.. fields.Select(f => f.Item1 == "dobMonth" ? (f.Item1, "2") : f)];

        var (response, html) = await RegisterAsync(r, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is a problem", html);
        Assert.Matches($"""<span class="nhsuk-error-message" id="[a-zA-Z-]+-error"><span class="nhsuk-u-visually-hidden">Error:</span> {Regex.Escape(message)}""", html);
        Assert.Contains("<title>Error: Register a patient", html);
        Assert.Null(await r.Site.Store.FindPersonByUserNameAsync(userName));
    }

    [Fact]
    public async Task AUserNameTakenOrAnNhsNumberAnotherPatientHas_IsRefused()
    {
        using var r = await ReviewSite.StartAsync(site);
        var (_, firstHtml) = await RegisterAsync(r, Details(TestSite.UniqueName("first"), nhs: "999 000 0042"));
        Assert.Contains("is registered", firstHtml);

        var (sameNhs, sameNhsHtml) = await RegisterAsync(r, Details(TestSite.UniqueName("second"), nhs: "9990000042"));
        var (sameUser, sameUserHtml) = await RegisterAsync(r, Details(r.Patient.UserName.ToUpperInvariant(), nhs: ""));

        Assert.Equal(HttpStatusCode.BadRequest, sameNhs.StatusCode);
        Assert.Contains("Another patient already has this NHS number", sameNhsHtml);
        Assert.Equal(HttpStatusCode.BadRequest, sameUser.StatusCode);
        Assert.Contains("That user name is already taken", sameUserHtml);
    }

    [Fact]
    public async Task ThePractice_EditsDetails_ShownEverywhere334_AndAuditsWhichFieldsChanged()
    {
        using var r = await ReviewSite.StartAsync(site);
        var url = $"/Clinician/Patient/{r.Patient.Id}/Details";
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, url);

        var saved = await ReviewSite.PostAsync(r.ClinicianClient, url, page, ("name", r.Patient.DisplayName), ("dobDay", "1"),
            ("dobMonth", "2"), ("dobYear", "1950"), ("nhsNumber", "9990000050"), ("phone", "+44 808 157 0192"), ("sex", ""));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var person = (await r.Site.Store.GetPersonAsync(r.Patient.Id))!;
        Assert.Equal(("9990000050", "+44 808 157 0192", new DateOnly(1950, 2, 1)), (person.NhsNumber, person.Phone, person.DateOfBirth));
        Assert.Contains(await r.AuditAsync(), e => e.Action == ReviewAudit.DetailsChanged && e.Details == "changed: date of birth, NHS number, phone");
        var (_, record) = await ReviewSite.GetAsync(r.ClinicianClient, $"/Clinician/Patient/{r.Patient.Id}");
        Assert.Contains("NHS number 999 000 0050.", record);
        Assert.Contains("Telephone +44 808 157 0192.", WebUtility.HtmlDecode(record));
        var (_, found) = await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician/Patients?q=999+000+0050");
        Assert.Contains("NHS number 999 000 0050", found);
    }

    [Fact]
    public async Task AResetLink_CancelsTheOpenInvitation_SetsANewPassword_AndClearsALockout()
    {
        using var r = await ReviewSite.StartAsync(site);
        var url = $"/Clinician/Patient/{r.Patient.Id}/Details";
        for (var i = 0; i < 5; i++)
            await SignIn.PasswordAsync(r.Site.Browser(), r.Patient.UserName, "wrong password");
        Assert.NotNull((await r.Site.Store.GetPersonAsync(r.Patient.Id))!.LockoutEnd);
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, url);
        Assert.Contains("Make a password reset link", page);

        var first = await ReviewSite.PostAsync(r.ClinicianClient, url + "?handler=Link", page, ("purpose", "PasswordReset"));
        var second = await ReviewSite.PostAsync(r.ClinicianClient, url + "?handler=Link", page, ("purpose", "PasswordReset"));
        var firstToken = TokenIn(await first.Content.ReadAsStringAsync());
        var secondToken = TokenIn(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await SetPasswordAsync(firstToken, "replaced password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetPasswordAsync(secondToken, "my new password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PasswordAsync(r.Site.Browser(), r.Patient.UserName, "my new password")).StatusCode);
        Assert.Equal(2, (await r.AuditAsync()).Count(e => e.Action == ReviewAudit.LinkIssued && e.Details!.StartsWith("PasswordReset")));
        // The empty form (no purpose) issues nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await ReviewSite.PostAsync(r.ClinicianClient, url + "?handler=Link", page)).StatusCode);
        Assert.Equal(2, (await r.Site.Store.ListAccountLinksAsync(r.Patient.Id)).Count);
    }

    [GeneratedRegex("/Account/SetPassword/([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
