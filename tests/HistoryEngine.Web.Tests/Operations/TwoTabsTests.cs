using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Tests.Site;
using HistoryEngine.Web.Tests.Site.Journey;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>Two tabs saving the same draft page at the same moment: one is saved, the other is told and keeps what
/// was typed (the sequential case is in AnswerProblemTests).</summary>
[Collection(SharedSite.Collection)]
public class TwoTabsTests(SharedSite site)
{
    [Fact]
    public async Task TwoTabsSavingAtOnce_OneWins_TheOtherIsToldAndShownWhatItTyped_NothingSilentlyLost()
    {
        using var j = await BpJourney.StartAsync(site);
        var page = j.Page("one", "test-notes");
        await j.Driver.AnswerAsync(page, ("name", "First"));
        await j.Driver.GetAsync(page);
        var html = j.Driver.Html;
        var tabs = Enumerable.Range(0, 2).Select(_ => new JourneyDriver(j.Driver.Client)).ToArray();

        var responses = await Task.WhenAll(tabs.Select((tab, i) => tab.PostWithPageAsync(page, html,
            ("shown", "name"), ("shown", "started"), ("shown", "amount"), ("name", $"Tab {i}"), ("action", "continue"))));

        var saved = responses.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, saved);
        var loser = tabs[responses[0].StatusCode == HttpStatusCode.Redirect ? 1 : 0];
        Assert.Contains("changed in another window or on another device", loser.Html);
        var winner = responses[0].StatusCode == HttpStatusCode.Redirect ? "Tab 0" : "Tab 1";
        var draft = (await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-notes"))!;
        Assert.Equal(winner, JsonDocument.Parse(draft.AnswersJson).RootElement.GetProperty("name").GetString());
        Assert.Contains($"value=\"{(winner == "Tab 0" ? "Tab 1" : "Tab 0")}\"", loser.Html);
    }
}
