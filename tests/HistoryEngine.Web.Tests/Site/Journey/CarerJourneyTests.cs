using System.Net;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// Issue 15 point 12: a carer acting for a patient reads the patient's name and "their", not "your"; answers in the
/// file's carer wording under a line saying whom they answer for; finds "who is filling in this form" answered for
/// them; and sees or continues drafts only when their grant lets them fill in (the matrix below).
/// </summary>
[Collection(SharedSite.Collection)]
public partial class CarerJourneyTests(SharedSite site)
{
    private async Task<(BpJourney J, Person Carer, JourneyDriver CarerDriver)> WithCarerAsync(bool canFill, bool canViewRecord)
    {
        var j = await BpJourney.StartAsync(site);
        var (client, carer) = await j.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("jo"));
        await j.Site.Store.AddProxyGrantAsync(j.Patient.Id, carer.Id, canFill, canViewRecord);
        return (j, carer, new JourneyDriver(client));
    }

    [Fact]
    public async Task ACarer_AnswersInTheirWording_WithWhoIsFillingInAnswered_AndEveryPageNamesThePatient()
    {
        var (j, carer, d) = await WithCarerAsync(canFill: true, canViewRecord: false);
        using var journey = j;
        var name = j.Patient.DisplayName;
        string Page(string id) => j.Page(id, "test-history");

        await d.GetAsync($"/Home/{j.Patient.Id}");
        Assert.Contains($"Asked for by {name}&#x27;s practice", d.Html);
        Assert.Contains("Their practice has not asked them to fill in anything", d.Html);
        Assert.DoesNotContain("Your submissions", d.Html);

        Assert.Equal(HttpStatusCode.OK, (await d.GetAsync(Page("who"))).StatusCode);
        Assert.Contains($"You are answering for <strong>{name}</strong>. Answer each question about them, not about you.", d.Html);
        Assert.Contains($"(answering for {name})", Regex.Match(d.Html, "<title>(.*?)</title>", RegexOptions.Singleline).Value);
        Assert.Contains("Who is filling in this form for them?", d.Html);
        Assert.Matches("value=\"someone-else\" checked=\"checked\"", d.Html);
        Assert.Matches($"name=\"helper_name\"[^>]*value=\"{Regex.Escape(carer.DisplayName)}\"|value=\"{Regex.Escape(carer.DisplayName)}\"[^>]*name=\"helper_name\"", d.Html);

        Assert.Equal(HttpStatusCode.Redirect, (await d.AnswerAsync(Page("who"), ("who", "someone-else"), ("helper_name", carer.DisplayName))).StatusCode);
        await d.AnswerAsync(Page("urgent-now"), ("urgent_now", "none"));
        await d.AnswerAsync(Page("complaints"), ("complaints", "other"));
        await d.GetAsync(Page("own-words"));
        Assert.Contains("What would they like help with?", d.Html);
        Assert.DoesNotContain("what would you like help with", d.Html);
        await d.AnswerAsync(Page("own-words"), ("in_own_words", "A cough that will not go"));
        Assert.Equal(HttpStatusCode.Redirect, (await d.AnswerAsync(Page("medicines"), ("takes_medicines", "false"))).StatusCode);

        await d.GetAsync(j.Check("test-history"));
        Assert.Contains($"<title>Check {name}&#x27;s answers", d.Html);
        Assert.Contains($"<h1>Check {name}&#x27;s answers</h1>", d.Html);
        Assert.Contains("Who is filling in this form for them?", d.Html);
        Assert.Contains("Send to their GP practice", d.Html);
        var sent = await d.PostAsync(j.Check("test-history"), ("draftKey", JourneyDriver.Hidden(d.Html, "draftKey")!));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await d.GetAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains($"{name}&#x27;s answers have been sent", d.Html);
        Assert.Contains("contact them if they need to", d.Html);

        var submission = Assert.Single(await j.Site.Store.ListSubmissionsForPatientAsync(j.Patient.Id));
        Assert.Equal(carer.Id, submission.AnsweredById);
        Assert.Contains("\"who\":\"someone-else\"", submission.AnswersJson.Replace(" ", ""));
        Assert.Contains(carer.DisplayName, submission.AnswersJson);
    }

    [Fact]
    public async Task ThePatient_ReadsTheAuthorsOwnWords_AndAnswersWhoIsFillingInThemself()
    {
        using var j = await BpJourney.StartAsync(site);

        await j.Driver.GetAsync(j.Page("who", "test-history"));

        Assert.Contains("Who is filling in this form?", j.Driver.Html);
        Assert.DoesNotContain("for them?", j.Driver.Html);
        Assert.DoesNotContain("checked=\"checked\"", j.Driver.Html);
        Assert.DoesNotContain("You are answering for", j.Driver.Html);
        await j.Driver.GetAsync(j.Check("test-history"));
        Assert.Contains("<h1>Check your answers</h1>", j.Driver.Html);
    }

    [Theory]
    // A grant that only lets the carer see the record gives no part in drafts: none seen, none continued or started.
    [InlineData("view-only", "home", HttpStatusCode.Forbidden)]
    [InlineData("view-only", "draft", HttpStatusCode.Forbidden)]
    [InlineData("view-only", "check", HttpStatusCode.Forbidden)]
    [InlineData("view-only", "start", HttpStatusCode.Forbidden)]
    [InlineData("view-only", "record", HttpStatusCode.OK)]
    [InlineData("fill", "home", HttpStatusCode.OK)]
    [InlineData("fill", "draft", HttpStatusCode.OK)]
    [InlineData("fill", "check", HttpStatusCode.OK)]
    [InlineData("fill", "start", HttpStatusCode.OK)]
    [InlineData("fill", "record", HttpStatusCode.Forbidden)]
    [InlineData("fill-revoked", "draft", HttpStatusCode.Forbidden)]
    [InlineData("fill-ended", "draft", HttpStatusCode.Forbidden)]
    [InlineData("fill-ended", "home", HttpStatusCode.Forbidden)]
    [InlineData("none", "draft", HttpStatusCode.NotFound)]
    public async Task WhatACarerMayOpen_DependsOnTheirGrant(string grantKind, string what, HttpStatusCode expected)
    {
        using var j = await BpJourney.StartAsync(site);
        await j.AnswerUpToSymptomsAsync(); // the patient's draft of test-bp
        var (client, carer) = await j.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("jo"));
        var other = await j.Site.AddPersonAsync(Role.Patient, TestSite.UniqueName("kim"));
        await j.Site.Store.AddProxyGrantAsync(other.Id, carer.Id, true, true); // so the carer is a carer at all
        var now = j.Site.Clock.GetUtcNow();
        if (grantKind != "none")
        {
            var grant = await j.Site.Store.AddProxyGrantAsync(j.Patient.Id, carer.Id, canFill: grantKind != "view-only",
                canViewRecord: grantKind == "view-only", expiresAt: grantKind == "fill-ended" ? now : null);
            if (grantKind == "fill-revoked")
                await j.Site.Store.RevokeProxyGrantAsync(grant.Id);
        }
        var url = what switch
        {
            "home" => $"/Home/{j.Patient.Id}",
            "draft" => j.Page("sitting"),
            "check" => j.Check(),
            "start" => JourneyUrls.Start(j.Patient.Id, "test-history"),
            _ => $"/Record/{j.Patient.Id}",
        };

        Assert.Equal(expected, await FollowedStatus(client, url));
    }

    [Fact]
    public async Task AViewOnlyCarer_SeesNoDraft_AndCannotSaveOne_WhileAFillCarerSeesAndContinuesIt()
    {
        var (j, _, viewer) = await WithCarerAsync(canFill: false, canViewRecord: true);
        using var journey = j;
        await j.AnswerUpToSymptomsAsync();
        var before = (await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp"))!;

        await viewer.GetAsync("/Carer");
        Assert.DoesNotContain("Fill in questionnaires for", viewer.Html);
        Assert.Contains("You cannot fill in questionnaires for them.", viewer.Html);
        await viewer.GetAsync($"/Record/{j.Patient.Id}");
        Assert.DoesNotContain("Test blood pressure check", viewer.Html);
        Assert.DoesNotContain("Drafts in progress", viewer.Html);
        // A post with a good anti-forgery token (from the page's sign-out form) is still refused, and saves nothing.
        var posted = await viewer.PostAsync(j.Page("symptoms"), ("revision", before.Revision.ToString()),
            ("shown", "symptoms_now.symptoms"), ("symptoms_now.symptoms", "none"), ("action", "continue"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", posted.Headers.Location!.OriginalString.Replace("https://practice.example", ""));
        Assert.Equal(before, await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp"));

        var (fillClient, filler) = await j.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("sam"));
        await j.Site.Store.AddProxyGrantAsync(j.Patient.Id, filler.Id, canFill: true, canViewRecord: false);
        var fill = new JourneyDriver(fillClient);
        await fill.GetAsync($"/Home/{j.Patient.Id}");
        Assert.Contains("Drafts in progress", fill.Html);
        Assert.Contains($"href=\"{JourneyUrls.Start(j.Patient.Id, "test-bp")}\"", fill.Html);
        Assert.Equal(HttpStatusCode.Redirect, (await fill.AnswerAsync(j.Page("symptoms"), ("symptoms_now.symptoms", "none"))).StatusCode);
        Assert.True((await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-bp"))!.Revision > before.Revision);
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
