using System.Net;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// Issue 12 point 1: Razor writes a <c>data-*</c> attribute even when its value is null, so every option of a
/// checkbox question was marked exclusive and the NHS.UK script kept only the last tick. These tests read the
/// markup of every kind of field (with and without a hint, a limit, an error, an exclusive option) and of every page
/// of the shipped questionnaires: an exclusive mark only on the exclusive option, no empty <c>data-*</c> attribute,
/// and every id an <c>aria-*</c> attribute points at present on the page.
/// </summary>
[Collection(SharedSite.Collection)]
public sealed partial class FieldMarkupTests(SharedSite site)
{
    [Fact]
    public async Task Issue12_OnlyTheExclusiveOption_IsMarkedExclusive()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.Driver.GetAsync(j.Page("all", "every-field"));

        var many = Inputs(j.Driver.Html, "many");
        Assert.Equal(["a", "b", "none"], many.Select(i => Attribute(i, "value")));
        Assert.Equal([null, null, "exclusive"], many.Select(i => Attribute(i, "data-behaviour")));
        Assert.All(Inputs(j.Driver.Html, "many_plain"), i => Assert.Null(Attribute(i, "data-behaviour")));
        // The deprecated spelling (NHS.UK frontend 10) is not used at all: one way to say it.
        Assert.DoesNotContain("data-checkbox-exclusive", j.Driver.Html);
    }

    [Fact]
    public async Task Issue12_OnTheRightNowScreen_OnlyNoneOfTheseIsExclusive()
    {
        using var j = await BpJourney.StartAsync(site);
        await j.Driver.GetAsync(j.Page("urgent-now", "test-history"));

        var options = Inputs(j.Driver.Html, "urgent_now");
        Assert.Equal(5, options.Count);
        Assert.Equal(["none"], options.Where(i => Attribute(i, "data-behaviour") == "exclusive").Select(i => Attribute(i, "value")));
    }

    [Fact]
    public async Task Issue12_EveryKindOfField_WithAndWithoutErrors_HasNoEmptyDataAttribute_AndDescribesItselfOnlyByIdsOnThePage()
    {
        using var j = await BpJourney.StartAsync(site);
        var problems = new List<string>();
        foreach (var pageId in new[] { "all", "list" })
        {
            var url = j.Page(pageId, "every-field");
            await j.Driver.GetAsync(url);
            problems.AddRange(Problems(j.Driver.Html).Select(p => $"{pageId} (fresh): {p}"));
            // Nothing answered: every required field shows its error.
            var response = await j.Driver.PostAsync(url, [.. JourneyDriver.Shown(j.Driver.Html).Select(s => ("shown", s)), ("action", "continue")]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("nhsuk-error-message", j.Driver.Html);
            problems.AddRange(Problems(j.Driver.Html).Select(p => $"{pageId} (errors): {p}"));
        }
        // A long text without a limit has no character count at all.
        await j.Driver.GetAsync(j.Page("all", "every-field"));
        var story = Regex.Match(j.Driver.Html, "<div[^>]*>\\s*<label[^>]*for=\"q-story\"").Value;
        Assert.DoesNotContain("data-module", story);
        Assert.DoesNotContain("data-maxlength", story);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Issue12_EveryPageOfEveryShippedQuestionnaire_HasNoEmptyDataAttribute_AndNoDanglingAriaId()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var catalog = j.Site.Services.GetRequiredService<QuestionnaireCatalog>();
        var problems = new List<string>();
        var checkedPages = 0;
        foreach (var questionnaire in catalog.Offered)
        {
            foreach (var page in questionnaire.Pages)
            {
                var url = JourneyUrls.Page(j.Patient.Id, questionnaire.Id, page.Id);
                if ((await j.Driver.GetAsync(url)).StatusCode != HttpStatusCode.OK)
                    continue; // a page not asked for the answers so far sends the patient on
                checkedPages++;
                problems.AddRange(Problems(j.Driver.Html).Select(p => $"{url}: {p}"));
                await j.Driver.PostAsync(url, [.. JourneyDriver.Shown(j.Driver.Html).Select(s => ("shown", s)), ("action", "continue")]);
                problems.AddRange(Problems(j.Driver.Html).Select(p => $"{url} (posted empty): {p}"));
            }
        }
        foreach (var url in new[] { $"/Diary/{j.Patient.Id}", "/Patient", JourneyUrls.Check(j.Patient.Id, "medical-history") })
        {
            Assert.Equal(HttpStatusCode.OK, (await j.Driver.GetAsync(url)).StatusCode);
            problems.AddRange(Problems(j.Driver.Html).Select(p => $"{url}: {p}"));
        }
        Assert.True(checkedPages > 10, $"only {checkedPages} pages were shown");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>What is wrong with a page's attributes: an empty <c>data-*</c> value (Razor wrote a null), an
    /// <c>aria-*</c> id reference to nothing, or an empty reference list.</summary>
    public static IEnumerable<string> Problems(string html)
    {
        var ids = IdPattern().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (Match m in EmptyDataPattern().Matches(html))
            yield return $"empty {m.Groups[1].Value}=\"\" in {Context(html, m.Index)}";
        foreach (Match m in AriaReferencePattern().Matches(html))
        {
            var referenced = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (referenced.Length == 0)
                yield return $"empty {m.Groups[1].Value} in {Context(html, m.Index)}";
            foreach (var id in referenced.Where(id => !ids.Contains(id)))
                yield return $"{m.Groups[1].Value} points at '{id}', which is not on the page, in {Context(html, m.Index)}";
        }
    }

    private static string Context(string html, int at) => html.Substring(Math.Max(0, at - 120), Math.Min(200, html.Length - Math.Max(0, at - 120)));

    private static List<string> Inputs(string html, string name) =>
        [.. InputPattern().Matches(html).Select(m => m.Value).Where(tag => Attribute(tag, "name") == name)];

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{Regex.Escape(name)}(?:=\"([^\"]*)\")?[\\s>]") is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : "")
            : null;

    [GeneratedRegex("<input\\s[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex IdPattern();

    [GeneratedRegex("\\s(data-[a-z-]+)=\"\"")]
    private static partial Regex EmptyDataPattern();

    [GeneratedRegex("\\s(aria-(?:describedby|labelledby|controls|owns|errormessage))=\"([^\"]*)\"")]
    private static partial Regex AriaReferencePattern();
}
