using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site;

[Collection(SharedSite.Collection)]
public class AuthorizationTests(SharedSite site)
{
    private readonly string _alex = TestSite.UniqueName("alex");
    private readonly string _jo = TestSite.UniqueName("jo");
    private readonly string _someone = TestSite.UniqueName("someone");

    [Theory]
    [InlineData("/Patient")]
    [InlineData("/Clinician")]
    [InlineData("/Admin")]
    [InlineData("/Carer")]
    public async Task Anonymous_AskingForAPrivatePage_IsSentToSignIn(string path)
    {
        var response = await site.Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn?ReturnUrl=", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("/Clinician")]
    [InlineData("/Admin")]
    [InlineData("/Carer")]
    public async Task Patient_AskingForAnotherRolesPage_IsDenied(string path)
    {
        var client = await site.SignedInAsync(Role.Patient, _alex);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Theory]
    [InlineData(Role.Clinician, "/Clinician", "Review queue")]
    [InlineData(Role.Admin, "/Admin", "Practice administration")]
    [InlineData(Role.Patient, "/Patient", "Asked for by your practice")]
    public async Task EachRole_SeesItsOwnHomePage(Role role, string path, string heading)
    {
        var client = await site.SignedInAsync(role, _someone);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(heading, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Carer_SeesTheCarerPageOnlyWhileTheGrantIsActive()
    {
        var patient = await site.AddPersonAsync(Role.Patient, _alex);
        var client = await site.SignedInAsync(Role.Proxy, _jo);
        var carer = (await site.Store.FindPersonByUserNameAsync(_jo))!;
        var grant = await site.Store.AddProxyGrantAsync(patient.Id, carer.Id, canFill: true, canViewRecord: false);

        var whileGranted = await client.GetAsync("/Carer");
        await site.Store.RevokeProxyGrantAsync(grant.Id);
        var afterRevoking = await client.GetAsync("/Carer");

        Assert.Equal(HttpStatusCode.OK, whileGranted.StatusCode);
        Assert.Contains(patient.DisplayName, await whileGranted.Content.ReadAsStringAsync());
        Assert.StartsWith("/Account/AccessDenied", afterRevoking.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task PatientHome_ListsWhatTheStoreHolds_AndEscapesIt()
    {
        var client = await site.SignedInAsync(Role.Patient, _alex);
        var alex = (await site.Store.FindPersonByUserNameAsync(_alex))!;
        await site.Store.AddAssignmentAsync(new NewAssignment(alex.Id, "<script>x</script>", new DateOnly(2030, 1, 2), "c1"));
        var submission = await site.Store.AddSubmissionAsync(new NewSubmission(alex.Id, alex.Id,
            new QuestionnaireRef("home-bp-diary", "1.0.0", "h"), "{}", "{}", FlagLevel.Routine));

        var html = await client.GetStringAsync("/Patient");

        Assert.Contains("2 January 2030", html);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>x", html);
        Assert.Contains(submission.Reference, html);
        Assert.Contains("Sent to your practice", html);
    }

    [Fact]
    public async Task UnknownPage_GetsTheFriendlyNotFoundPage()
    {
        var response = await site.Browser().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}
