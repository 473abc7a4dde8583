using System.Net;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>Whose data a request may touch: 404 for another patient's ids, refusal for a carer without the right.</summary>
[Collection(SharedSite.Collection)]
public class AccessTests(SharedSite site)
{
    private readonly string _sam = TestSite.UniqueName("sam");
    private readonly string _jo = TestSite.UniqueName("jo");
    private readonly string _kim = TestSite.UniqueName("kim");

    [Fact]
    public async Task AnotherPatientsDraftAndSubmission_Are404_NotAHintTheyExist()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync();
        var sent = await j.Site.Store.AddSubmissionAsync(new NewSubmission(j.Patient.Id, j.Patient.Id,
            new QuestionnaireRef("test-bp", "1.0.0", "h"), "{}", """{"flags":[]}""", FlagLevel.None));
        var other = await j.Site.SignedInAsync(Role.Patient, _sam);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(j.Page("start"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(j.Check())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(JourneyUrls.Sent(j.Patient.Id, sent.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Record/{j.Patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Home/{j.Patient.Id}")).StatusCode);
        var sam = (await j.Site.Store.FindPersonByUserNameAsync(_sam))!;
        // Alex's submission id under Sam's own id is no better.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(JourneyUrls.Sent(sam.Id, sent.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await j.Driver.Client.GetAsync(JourneyUrls.Sent(j.Patient.Id, sent.Id))).StatusCode);
    }

    [Fact]
    public async Task AnotherPatientsDraft_PostedTo_IsRefusedAndUnchanged()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync();
        var before = (await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp"))!;
        var other = new JourneyDriver(await j.Site.SignedInAsync(Role.Patient, _sam));
        await other.GetAsync("/Patient");

        var response = await other.PostAsync(j.Page("start"), ("revision", before.Revision.ToString()), ("shown", "arm"), ("arm", "right"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp"));
    }

    [Fact]
    public async Task Carer_WithAFillGrant_AnswersForThePatient_AndTheSubmissionSaysWhoAnswered()
    {
        using var j = await BpJourney.StartAsync(site);
        var carerClient = await j.Site.SignedInAsync(Role.Proxy, _jo);
        var carer = (await j.Site.Store.FindPersonByUserNameAsync(_jo))!;
        await j.Site.Store.AddProxyGrantAsync(j.Patient.Id, carer.Id, canFill: true, canViewRecord: false);
        var patientsDriver = j.Driver;
        j.Driver = new JourneyDriver(carerClient);

        await j.Driver.GetAsync($"/Home/{j.Patient.Id}");
        Assert.Contains($"You are acting for <strong>{j.Patient.DisplayName}</strong>", j.Driver.Html);
        await j.AnswerUpToSymptomsAsync(severe: true);
        var response = await j.Driver.AnswerAsync(j.Page("symptoms"), ("symptoms_now.symptoms", "chest-pain"));

        var submission = Assert.Single(await j.Site.Store.ListSubmissionsForPatientAsync(j.Patient.Id));
        Assert.Equal((j.Patient.Id, carer.Id), (submission.PatientId, submission.AnsweredById));
        Assert.Equal(HttpStatusCode.OK, (await j.Driver.GetAsync(response.Headers.Location!.OriginalString)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await FollowedStatus(carerClient, $"/Record/{j.Patient.Id}"));
        await patientsDriver.GetAsync("/Patient");
        Assert.Contains(submission.Reference, patientsDriver.Html);
    }

    [Fact]
    public async Task Carer_WithoutTheNeededGrant_IsRefused()
    {
        using var j = await BpJourney.StartAsync(site);
        var carerClient = await j.Site.SignedInAsync(Role.Proxy, _jo);
        var carer = (await j.Site.Store.FindPersonByUserNameAsync(_jo))!;
        await j.Site.Store.AddProxyGrantAsync(j.Patient.Id, carer.Id, canFill: false, canViewRecord: true);

        Assert.Equal(HttpStatusCode.Forbidden, await FollowedStatus(carerClient, j.Page("start")));
        Assert.Equal(HttpStatusCode.Forbidden, await FollowedStatus(carerClient, $"/Home/{j.Patient.Id}"));
        Assert.Equal(HttpStatusCode.OK, (await carerClient.GetAsync($"/Record/{j.Patient.Id}")).StatusCode);
        // A patient the carer has no grant from at all is not there.
        var stranger = await j.Site.AddPersonAsync(Role.Patient, _kim);
        Assert.Equal(HttpStatusCode.NotFound, (await carerClient.GetAsync(JourneyUrls.Start(stranger.Id, "test-bp"))).StatusCode);
    }

    [Fact]
    public async Task Revoking_OnThePatientsPage_EndsTheCarersAccessAtOnce_AndIsAudited()
    {
        using var j = await BpJourney.StartAsync(site);
        var carerClient = await j.Site.SignedInAsync(Role.Proxy, _jo);
        await j.Driver.GetAsync("/Patient/Carers");
        var granted = await j.Driver.PostAsync("/Patient/Carers?handler=Grant", ("CarerUserName", _jo.ToUpperInvariant()), ("CanFill", "true"));
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carerClient.GetAsync(j.Page("start"))).StatusCode);

        await j.Driver.GetAsync("/Patient/Carers");
        var grant = Assert.Single(await j.Site.Store.ListProxyGrantsForPatientAsync(j.Patient.Id));
        var revoked = await j.Driver.PostAsync("/Patient/Carers?handler=Revoke", ("grantId", grant.Id));

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await FollowedStatus(carerClient, j.Page("start")));
        var audit = await j.Site.Store.ListAuditAsync(j.Patient.Id, 10);
        Assert.Equal(["proxy.revoked", "proxy.granted"], audit.Select(a => a.Action).Where(a => a.StartsWith("proxy.")).ToArray());
        Assert.True((await j.Site.Store.VerifyAuditAsync()).IsIntact);
    }

    [Fact]
    public async Task GrantingTheSameCarerThreeTimes_InAnyCaseOrSpacing_IsOneGrant_AndRevokingItEndsTheirAccessAtOnce()
    {
        // Issue 12, point 7: this made three grants, and "They can no longer act for you" left two of them active.
        using var j = await BpJourney.StartAsync(site);
        var carer1 = TestSite.UniqueName("carer1");
        var carerClient = await j.Site.SignedInAsync(Role.Proxy, carer1);
        foreach (var (spelling, record) in new[] { (carer1, false), (carer1.ToUpperInvariant(), false), ($" {carer1} ", true) })
        {
            await j.Driver.GetAsync("/Patient/Carers");
            var granted = await j.Driver.PostAsync("/Patient/Carers?handler=Grant", ("CarerUserName", spelling), ("CanFill", "true"),
                ("CanViewRecord", record ? "true" : "false"));
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        }
        var grant = Assert.Single(await j.Site.Store.ListProxyGrantsForPatientAsync(j.Patient.Id));
        Assert.True(grant.CanViewRecord); // the last grant's rights
        Assert.Equal(HttpStatusCode.OK, (await carerClient.GetAsync(j.Page("start"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carerClient.GetAsync($"/Record/{j.Patient.Id}")).StatusCode);

        await j.Driver.GetAsync("/Patient/Carers");
        Assert.Equal(HttpStatusCode.Redirect, (await j.Driver.PostAsync("/Patient/Carers?handler=Revoke", ("grantId", grant.Id))).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, await FollowedStatus(carerClient, j.Page("start")));
        Assert.Equal(HttpStatusCode.Forbidden, await FollowedStatus(carerClient, $"/Record/{j.Patient.Id}"));
        Assert.Empty(await j.Site.Store.ListActiveProxyGrantsForCarerAsync(grant.CarerId));
        var audit = (await j.Site.Store.ListAuditAsync(j.Patient.Id, 20)).Select(a => a.Action).Where(a => a.StartsWith("proxy.")).Reverse();
        Assert.Equal(["proxy.granted", "proxy.changed", "proxy.changed", "proxy.revoked"], audit.ToArray());
    }

    [Fact]
    public async Task GrantingToSomeoneWhoIsNotACarer_IsExplained_AndRevokingAnotherPatientsGrant_Is404()
    {
        using var j = await BpJourney.StartAsync(site);
        var other = await j.Site.AddPersonAsync(Role.Patient, _sam);
        var carer = await j.Site.AddPersonAsync(Role.Proxy, _jo);
        var othersGrant = await j.Site.Store.AddProxyGrantAsync(other.Id, carer.Id, true, true);
        await j.Driver.GetAsync("/Patient/Carers");

        await j.Driver.PostAsync("/Patient/Carers?handler=Grant", ("CarerUserName", _sam), ("CanFill", "true"));
        Assert.Contains("There is no carer account with that user name", j.Driver.Html);
        var response = await j.Driver.PostAsync("/Patient/Carers?handler=Revoke", ("grantId", othersGrant.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(Assert.Single(await j.Site.Store.ListProxyGrantsForPatientAsync(other.Id)).IsActive);
    }

    /// <summary>The status a browser ends on: a refusal redirects to the access-denied page, which is a 403.</summary>
    private static async Task<HttpStatusCode> FollowedStatus(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var location = response.Headers.Location;
        var path = location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        return response.StatusCode == HttpStatusCode.Redirect && path.StartsWith("/Account/AccessDenied", StringComparison.Ordinal)
            ? (await client.GetAsync(response.Headers.Location)).StatusCode
            : response.StatusCode;
    }
}
