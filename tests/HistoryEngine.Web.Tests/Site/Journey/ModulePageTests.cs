using System.Net;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>A module with pages of its own (the medical history's cough questions) puts the module's items on pages
/// directly; their answers must be taken, checked and linked to like any other page's.</summary>
[Collection(SharedSite.Collection)]
public sealed class ModulePageTests(SharedSite site)
{
    [Fact]
    public async Task AnAnswerOnAModulesOwnPage_IsSaved_AndTheJourneyMovesOn()
    {
        using var j = await BpJourney.StartAsync(site);
        string Page(string id) => j.Page(id, "test-history");
        await j.Driver.AnswerAsync(Page("who"), ("who", "patient"));
        await j.Driver.AnswerAsync(Page("date-of-birth"), ("date_of_birth:day", "27"), ("date_of_birth:month", "3"), ("date_of_birth:year", "1970"));
        await j.Driver.AnswerAsync(Page("urgent-now"), ("urgent_now", "none"));
        await j.Driver.AnswerAsync(Page("complaints"), ("complaints", "cough"));
        var toCough = await j.Driver.AnswerAsync(Page("own-words"), ("in_own_words", "A cough"));
        Assert.Equal(Page("cough.breathing"), toCough.Headers.Location!.OriginalString);

        var response = await j.Driver.AnswerAsync(Page("cough.breathing"), ("cough.breathing_now", "false"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page("cough.how-long"), response.Headers.Location!.OriginalString);
        var draft = (await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-history"))!;
        Assert.Contains("\"cough.breathing_now\":false", draft.AnswersJson);

        // An answer left out is asked for on that page, and the check page links to it.
        var empty = await j.Driver.AnswerAsync(Page("cough.how-long"));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Select an answer: How long have you had these symptoms?", j.Driver.Html);
        await j.Driver.GetAsync(j.Check("test-history"));
        Assert.Contains($"href=\"{Page("cough.how-long")}#q-cough-how_long\"", j.Driver.Html);
        // The module's pages are called what the page it is listed on is called, in one section.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(j.Driver.Html, "<h2>Your cough or breathing</h2>"));
        // A page of one question has the question as its heading (issue 15 point 7), not the page's title as well.
        await j.Driver.GetAsync(Page("cough.how-long"));
        Assert.Contains("<h1 class=\"nhsuk-fieldset__heading\">How long have you had these symptoms?</h1>", j.Driver.Html);
        Assert.DoesNotContain("<h1>Your cough or breathing</h1>", j.Driver.Html);
    }
}

/// <summary>An "add another" list that appears because of an answer on the same page is shown, not skipped.</summary>
[Collection(SharedSite.Collection)]
public sealed class NewlyShownListTests(SharedSite site)
{
    [Fact]
    public async Task YesToMedicines_ShowsTheListOfMedicines_BeforeMovingOn()
    {
        using var j = await BpJourney.StartAsync(site);
        var page = j.Page("medicines", "test-history");
        await j.Driver.GetAsync(j.Page("who", "test-history"));

        var response = await j.Driver.AnswerAsync(page, ("takes_medicines", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Name of the medicine", j.Driver.Html);
        Assert.DoesNotContain("There is a problem", j.Driver.Html);
        // Continuing with the list still empty asks for one.
        var again = await j.Driver.AnswerAsync(page, ("takes_medicines", "true"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Add at least one: Your medicines", j.Driver.Html);
    }
}
