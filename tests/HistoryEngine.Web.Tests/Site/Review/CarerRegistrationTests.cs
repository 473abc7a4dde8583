using System.Net;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// Issue 15 point 12: the practice registers a carer (an account, not a patient) with a one-time invitation link and
/// access to act for a patient (what, until when), audited; the carer sets their own password with the link, signs in
/// and acts for the patient. The practice can also stop a carer's access, or make them a new sign-in link.
/// </summary>
[Collection(SharedSite.Collection)]
public partial class CarerRegistrationTests(SharedSite site)
{
    private static string CarerPage(Person p) => $"/Clinician/Patient/{p.Id}/Carer";

    private static async Task<HttpResponseMessage> RegisterAsync(ReviewSite r, params (string, string)[] fields)
    {
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, CarerPage(r.Patient));
        return await ReviewSite.PostAsync(r.ClinicianClient, CarerPage(r.Patient), page, fields);
    }

    private static async Task<HttpResponseMessage> SetPasswordAsync(TestSite on, string token, string password)
    {
        var anonymous = on.Browser();
        var (_, page) = await ReviewSite.GetAsync(anonymous, "/Account/SetPassword/" + token);
        return await ReviewSite.PostAsync(anonymous, "/Account/SetPassword/" + token, page, ("password", password), ("confirm", password));
    }

    [Fact]
    public async Task ThePractice_RegistersACarer_WithAnInvitationAndAGrantUntilADate_AndTheCarerActsForThePatient()
    {
        using var r = await ReviewSite.StartAsync(site);
        var userName = TestSite.UniqueName("carer");
        var ends = UkTime.Today(r.Site.Clock).AddMonths(6);

        var response = await RegisterAsync(r, ("Name", "Robin Carer"), ("UserName", userName), ("Phone", "07700 900 982"),
            ("CanFill", "true"), ("EndDay", ends.Day.ToString()), ("EndMonth", ends.Month.ToString()), ("EndYear", ends.Year.ToString()),
            ("Confirmed", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Robin Carer is registered", html);
        Assert.Contains("Give this link to the carer", html);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var token = LinkPattern().Match(html).Groups[1].Value;
        var carer = (await r.Site.Store.FindPersonByUserNameAsync(userName))!;
        Assert.Equal((Role.Proxy, "", "07700 900 982"), (carer.Role, carer.PasswordHash, carer.Phone));
        var grant = Assert.Single(await r.Site.Store.ListProxyGrantsForPatientAsync(r.Patient.Id));
        Assert.Equal((carer.Id, true, false, UkTime.StartOf(ends)), (grant.CarerId, grant.CanFill, grant.CanViewRecord, grant.ExpiresAt!.Value));
        var audit = await r.AuditAsync();
        Assert.Contains(audit, e => e.Action == ReviewAudit.CarerRegistered && e.ActorId == r.Clinician.Id && e.Details!.Contains(carer.Id));
        Assert.Contains(audit, e => e.Action == ReviewAudit.CarerAccessGranted && e.Details!.Contains(grant.Id));
        Assert.Contains(await r.AuditAsync(carer.Id), e => e.Action == ReviewAudit.LinkIssued);
        Assert.DoesNotContain(await r.Site.Store.SearchAuditAsync(new AuditQuery(null, null, null, null)), e => e.Details?.Contains(token) == true);

        // The carer chooses a password with the link, signs in, and acts for the patient.
        Assert.Equal(HttpStatusCode.OK, (await SetPasswordAsync(r.Site, token, "the carer's own password")).StatusCode);
        var carerClient = r.Site.Browser();
        var signedIn = await SignIn.PasswordAsync(carerClient, userName, "the carer's own password");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var home = await carerClient.GetStringAsync("/Carer");
        Assert.Contains(r.Patient.DisplayName, home);
        Assert.Contains($"This ends on {UkTime.Date(ends)}", home);
        var theirs = await carerClient.GetAsync($"/Home/{r.Patient.Id}");
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.Contains($"Asked for by {r.Patient.DisplayName}&#x27;s practice", await theirs.Content.ReadAsStringAsync());

        // The practice sees them among the people who can act for the patient.
        var (_, patientPage) = await ReviewSite.GetAsync(r.ClinicianClient, $"/Clinician/Patient/{r.Patient.Id}");
        Assert.Contains("Robin Carer", patientPage);
        Assert.Contains($"Ends on {UkTime.Date(ends)}.", patientPage);
    }

    [Fact]
    public async Task RegisteringACarer_WithProblems_SaysEachAndWritesNothing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var yesterday = UkTime.Today(r.Site.Clock).AddDays(-1);

        var response = await RegisterAsync(r, ("Name", ""), ("UserName", "a b"), ("EndDay", yesterday.Day.ToString()),
            ("EndMonth", yesterday.Month.ToString()), ("EndYear", yesterday.Year.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the carer&#x27;s full name", html);
        Assert.Contains("User name must only include letters", html);
        Assert.Contains("Select what the carer can do", html);
        Assert.Contains("The date access ends must be in the future", html);
        Assert.Contains("Confirm that you have checked the carer may act for the patient", html);
        Assert.Empty(await r.Site.Store.ListProxyGrantsForPatientAsync(r.Patient.Id));
        // A user name already taken is refused too, and nothing is written.
        var taken = await RegisterAsync(r, ("Name", "Someone"), ("UserName", r.Patient.UserName), ("CanFill", "true"), ("Confirmed", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("That user name is already taken", await taken.Content.ReadAsStringAsync());
        Assert.Empty(await r.Site.Store.ListProxyGrantsForPatientAsync(r.Patient.Id));
    }

    [Fact]
    public async Task AGrantPastItsEnd_LetsTheCarerDoNothing_AndOneBeforeItsEnd_Does()
    {
        using var r = await ReviewSite.StartAsync(site);
        var now = r.Site.Clock.GetUtcNow();
        var (endedClient, ended) = await r.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("ended"));
        var (lastingClient, lasting) = await r.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("lasting"));
        await r.Site.Store.AddProxyGrantAsync(r.Patient.Id, ended.Id, true, true, expiresAt: now);
        await r.Site.Store.AddProxyGrantAsync(r.Patient.Id, lasting.Id, true, true, expiresAt: now.AddMinutes(1));

        Assert.Equal(HttpStatusCode.OK, (await lastingClient.GetAsync($"/Home/{r.Patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lastingClient.GetAsync($"/Record/{r.Patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await AccessTestsStatus(endedClient, $"/Home/{r.Patient.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, await AccessTestsStatus(endedClient, $"/Record/{r.Patient.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, await AccessTestsStatus(endedClient, "/Carer"));
        Assert.Empty(await r.Site.Store.ListActiveProxyGrantsForCarerAsync(ended.Id));
        Assert.Single(await r.Site.Store.ListActiveProxyGrantsForCarerAsync(lasting.Id));
    }

    [Fact]
    public async Task ThePractice_StopsACarersAccess_AtOnce_AndMakesACarerANewSignInLink()
    {
        using var r = await ReviewSite.StartAsync(site);
        var (carerClient, carer) = await r.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("carer"));
        var grant = await r.Site.Store.AddProxyGrantAsync(r.Patient.Id, carer.Id, true, false);
        var url = $"/Clinician/Patient/{r.Patient.Id}";

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, url);
        var link = await ReviewSite.PostAsync(r.ClinicianClient, CarerPage(r.Patient) + "?handler=Link", page, ("carerId", carer.Id));
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var linkHtml = await link.Content.ReadAsStringAsync();
        Assert.Contains("Password reset link", linkHtml);
        Assert.Matches(LinkPattern(), linkHtml);
        // Someone who does not act for this patient gets no link from its page.
        var stranger = await r.Site.AddPersonAsync(Role.Proxy, TestSite.UniqueName("stranger"));
        Assert.Equal(HttpStatusCode.NotFound,
            (await ReviewSite.PostAsync(r.ClinicianClient, CarerPage(r.Patient) + "?handler=Link", page, ("carerId", stranger.Id))).StatusCode);

        var stopped = await ReviewSite.PostAsync(r.ClinicianClient, url + "?handler=StopCarer", page, ("grantId", grant.Id));

        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await AccessTestsStatus(carerClient, $"/Home/{r.Patient.Id}"));
        Assert.Contains(await r.AuditAsync(), e => e.Action == ReviewAudit.CarerAccessStopped && e.Details!.Contains(grant.Id));
    }

    /// <summary>The status a browser ends on: a refusal redirects to the access-denied page, which is a 403.</summary>
    private static async Task<HttpStatusCode> AccessTestsStatus(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var location = response.Headers.Location;
        var path = location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        return response.StatusCode == HttpStatusCode.Redirect && path.StartsWith("/Account/AccessDenied", StringComparison.Ordinal)
            ? (await client.GetAsync(response.Headers.Location)).StatusCode
            : response.StatusCode;
    }

    [GeneratedRegex("/Account/SetPassword/([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
