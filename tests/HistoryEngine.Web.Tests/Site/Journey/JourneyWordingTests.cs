using System.Net;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>Issue 15 points 7 to 9 on the test history: a progress line that never grows, a page of one question
/// headed by it, an answer that brings questions onto the page says so, the author's words for a missing answer, and a
/// check page with a back link and labels people understand.</summary>
[Collection(SharedSite.Collection)]
public sealed class JourneyWordingTests(SharedSite site)
{
    [Fact]
    public async Task TheProgressLine_CountsSections_AndDoesNotGrowWhenAComplaintBringsInPages()
    {
        using var j = await BpJourney.StartAsync(site);
        string Page(string id) => j.Page(id, "test-history");

        await j.Driver.GetAsync(Page("who"));
        Assert.Contains("Section 1 of 3: About you", j.Driver.Html);
        await j.Driver.AnswerAsync(Page("who"), ("who", "patient"));
        await j.Driver.AnswerAsync(Page("urgent-now"), ("urgent_now", "none"));
        await j.Driver.GetAsync(Page("complaints"));
        Assert.Contains("Section 1 of 3: About you", j.Driver.Html);
        await j.Driver.AnswerAsync(Page("complaints"), ("complaints", "cough"));

        await j.Driver.GetAsync(Page("cough.how-long"));
        Assert.Contains("Section 2 of 3: Your symptoms", j.Driver.Html);
        await j.Driver.GetAsync(Page("medicines"));
        Assert.Contains("Section 3 of 3: Your health", j.Driver.Html);
        Assert.DoesNotContain("questions.", j.Driver.Html);
    }

    [Fact]
    public async Task APageOfOneQuestion_IsHeadedByIt_AndAPageOfSeveral_ByItsTitle()
    {
        using var j = await BpJourney.StartAsync(site);

        await j.Driver.GetAsync(j.Page("complaints", "test-history"));
        Assert.Contains("<h1 class=\"nhsuk-fieldset__heading\">What is the appointment about?</h1>", j.Driver.Html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(j.Driver.Html, "<h1"));
        Assert.Contains("<title>What is the appointment about?", j.Driver.Html);

        await j.Driver.GetAsync(j.Page("own-words", "test-history"));
        Assert.Contains("<h1 class=\"nhsuk-label-wrapper\"><label class=\"nhsuk-label nhsuk-label--l\" for=\"q-in_own_words\">", j.Driver.Html);

        await j.Driver.AnswerAsync(j.Page("medicines", "test-history"), ("takes_medicines", "true"));
        Assert.Contains("<h1>Your medicines</h1>", j.Driver.Html);
    }

    [Fact]
    public async Task YesThatBringsAListOntoThePage_SaysSo()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.Driver.GetAsync(j.Page("medicines", "test-history"));
        Assert.DoesNotContain("he-revealed", j.Driver.Html);

        var response = await j.Driver.AnswerAsync(j.Page("medicines", "test-history"), ("takes_medicines", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your answer means we need to ask you more on this page", j.Driver.Html);
        Assert.Contains("<li>Your medicines</li>", j.Driver.Html);
    }

    [Fact]
    public async Task AQuestionLeftUnanswered_IsExplainedInTheAuthorsWords()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.Driver.GetAsync(j.Page("complaints", "test-history"));

        await j.Driver.AnswerAsync(j.Page("complaints", "test-history"));

        Assert.Contains("href=\"#q-complaints\">Select what your appointment is about</a>", j.Driver.Html);
        Assert.Contains("<span class=\"nhsuk-u-visually-hidden\">Error:</span> Select what your appointment is about", j.Driver.Html);
    }

    [Fact]
    public async Task TheCheckPage_HasABackLink_AndNamesEachEntryOfAList()
    {
        using var j = await BpJourney.StartAsync(site);
        string Page(string id) => j.Page(id, "test-history");
        await j.Driver.AnswerAsync(Page("who"), ("who", "patient"));
        await j.Driver.AnswerAsync(Page("complaints"), ("complaints", "other"));
        await j.Driver.AnswerAsync(Page("medicines"), ("takes_medicines", "true"));
        Assert.Equal(HttpStatusCode.Redirect,
            (await j.Driver.AnswerAsync(Page("medicines"), ("takes_medicines", "true"), ("medicines[0].name", "Ramipril"))).StatusCode);

        await j.Driver.GetAsync(j.Check("test-history"));

        Assert.Contains($"<a class=\"nhsuk-back-link\" href=\"{Page("medicines")}\">Back</a>", j.Driver.Html);
        Assert.Contains("<dt class=\"nhsuk-summary-list__key\">Medicine 1: name of the medicine</dt>", j.Driver.Html);
        Assert.Contains("<h2>Your medicines</h2>", j.Driver.Html);
        Assert.Contains("Change<span class=\"nhsuk-u-visually-hidden\"> Medicine 1: name of the medicine</span>", j.Driver.Html);
    }
}
