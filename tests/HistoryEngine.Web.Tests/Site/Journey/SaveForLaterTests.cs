using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// Issue 15 point 13: "Save and finish later" says the answers were saved, on the home page it leads to, and the home
/// page tells similar questionnaires apart with the file's one-line description.
/// </summary>
[Collection(SharedSite.Collection)]
public sealed class SaveForLaterTests(SharedSite shared)
{
    [Fact]
    public async Task SaveAndFinishLater_LeadsHome_SayingTheAnswersWereSaved_WithTheDescription()
    {
        var (client, patient) = await shared.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("sam"));
        var driver = new JourneyDriver(client);
        var url = $"/Journey/{patient.Id}/test-bp/page/about-you";
        Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync(url)).StatusCode);

        var saved = await driver.PostAsync(url, [.. JourneyDriver.Shown(driver.Html).Select(s => ("shown", s)),
            ("comments", "Back tomorrow"), ("action", "later")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = saved.Headers.Location!.OriginalString;
        Assert.Equal("/Patient?saved=test-bp", home);
        Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync(home)).StatusCode);
        Assert.Contains("Your answers to <strong>Test blood pressure check</strong> have been saved", driver.Html);
        Assert.Contains("A test check of readings taken sitting and standing.", driver.Html);
    }

    [Fact]
    public async Task ASavedLink_ForAQuestionnaireWithNoDraft_SaysNothing()
    {
        var (client, _) = await shared.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("kim"));
        var driver = new JourneyDriver(client);

        Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync("/Patient?saved=test-bp")).StatusCode);

        Assert.DoesNotContain("have been saved", driver.Html);
    }
}
