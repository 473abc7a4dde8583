using System.Net;
using System.Text.Json;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>Wrong, hostile and hand-made answers: each is explained next to its field or ignored, nothing typed is
/// lost, and nothing a patient typed reaches the page unescaped.</summary>
[Collection(SharedSite.Collection)]
public class AnswerProblemTests(SharedSite site)
{
    private Task<BpJourney> NotesAsync() => BpJourney.StartAsync(site);

    private static JsonElement DraftAnswers(BpJourney j) =>
        JsonDocument.Parse(j.Site.Store.GetDraftAsync(j.Patient.Id, "test-notes").Result!.AnswersJson).RootElement;

    [Theory]
    [InlineData("amount", "lots", "Enter a number, like 37.5")]
    [InlineData("amount", "1e309", "Enter a number, like 37.5")]
    [InlineData("amount", "NaN", "Enter a number, like 37.5")]
    [InlineData("amount", "250", "Enter a number between 0 and 100 mg")]
    [InlineData("name", "Alexandra Patient", "Your answer must be 10 characters or fewer. You have 7 characters too many")]
    public async Task InvalidAnswer_MessageNextToTheField_AndWhatWasTypedIsShownAgain(string field, string typed, string message)
    {
        using var j = await NotesAsync();

        var response = await j.Driver.AnswerAsync(j.Page("one", "test-notes"), (field, typed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", j.Driver.Html);
        Assert.Contains($"href=\"#q-{field}\">{message}</a>", j.Driver.Html);
        Assert.Contains($"id=\"q-{field}-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> {message}", j.Driver.Html);
        Assert.Contains($"value=\"{typed}\"", j.Driver.Html);
    }

    [Fact]
    public async Task OutOfRange_IsKeptInTheDraft_SoNothingIsLost()
    {
        using var j = await NotesAsync();

        await j.Driver.AnswerAsync(j.Page("one", "test-notes"), ("amount", "250"), ("name", "Alex"));

        var answers = DraftAnswers(j);
        Assert.Equal(250, answers.GetProperty("amount").GetDecimal());
        Assert.Equal("Alex", answers.GetProperty("name").GetString());
    }

    [Fact]
    public async Task TooLong_IsShownBackAsTyped_ButNothingOnThePageIsSaved_UntilItIsShortened()
    {
        // Issue 12: a text over its limit is never stored (3 MB went into a field of 1000); what was typed stays on screen.
        using var j = await NotesAsync();

        await j.Driver.AnswerAsync(j.Page("one", "test-notes"), ("amount", "25"), ("name", "Alexandra Patient"));

        Assert.Contains("value=\"Alexandra Patient\"", j.Driver.Html);
        Assert.Contains("value=\"25\"", j.Driver.Html);
        Assert.Null(await j.Site.Store.GetDraftAsync(j.Patient.Id, "test-notes"));
        await j.Driver.AnswerAsync(j.Page("one", "test-notes"), ("amount", "25"), ("name", "Alexandra"));
        Assert.Equal("Alexandra", DraftAnswers(j).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("31", "2", "2026", "Enter a real date, for example 27 3 2026")]
    [InlineData("1", "", "2026", "The date must include a month")]
    [InlineData("", "", "2026", "The date must include a day and a month")]
    [InlineData("1", "3", "26", "The year must include 4 numbers, for example 1980")]
    [InlineData("1", "Marhc", "2026", "Enter a real date, for example 27 3 2026")]
    public async Task ImpossibleDate_IsExplained_AndTheBoxesKeepWhatWasTyped(string day, string month, string year, string message)
    {
        using var j = await NotesAsync();

        await j.Driver.AnswerAsync(j.Page("one", "test-notes"), ("started:day", day), ("started:month", month), ("started:year", year));

        Assert.Contains($"href=\"#q-started\">{message}", j.Driver.Html);
        Assert.Contains($"name=\"started:day\" type=\"text\" inputmode=\"numeric\" value=\"{day}\"", j.Driver.Html);
    }

    [Theory]
    [InlineData("March")]
    [InlineData("mar")]
    [InlineData("3")]
    public async Task AMonthInWords_IsAccepted(string month)
    {
        using var j = await NotesAsync();

        await j.Driver.AnswerAsync(j.Page("one", "test-notes"), ("started:day", "1"), ("started:month", month), ("started:year", "2026"));

        Assert.Equal("2026-03-01", DraftAnswers(j).GetProperty("started").GetString());
    }

    [Fact]
    public async Task HostileText_IsStoredExactly_AndShownEscaped()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \u202Egnp.exe 😀🩺 \"quotes\" & 1e309 NaN";
        using var j = await NotesAsync();
        await j.Driver.AnswerAsync(j.Page("one", "test-notes"));

        var response = await j.Driver.AnswerAsync(j.Page("two", "test-notes"), ("story", hostile));
        await j.Driver.GetAsync(j.Check("test-notes"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(hostile, DraftAnswers(j).GetProperty("story").GetString());
        Assert.DoesNotContain("<script>alert", j.Driver.Html);
        Assert.DoesNotContain("<img src=x", j.Driver.Html);
        Assert.Contains("&lt;script&gt;alert(", j.Driver.Html);
        Assert.Contains("<bdi class=\"he-answer\">", j.Driver.Html); // isolates the right-to-left override
        await j.Driver.GetAsync(j.Page("two", "test-notes"));
        Assert.Contains("&lt;script&gt;", j.Driver.Html);
        Assert.DoesNotContain("<script>alert", j.Driver.Html);
    }

    [Fact]
    public async Task UnknownAndHandMadeFields_AreIgnored_NeverACrash()
    {
        using var j = await NotesAsync();
        await j.Driver.GetAsync(j.Page("one", "test-notes"));

        var response = await j.Driver.PostAsync(j.Page("one", "test-notes"),
            ("shown", "name"), ("shown", "started"), ("shown", "amount"), ("name", "Alex"),
            ("shown", "story"), ("story", "from another page"),          // a question on another page
            ("shown", "no_such_item"), ("no_such_item", "x"),
            ("shown", "name[99999999999999999999].x"), ("shown", "readings[0].systolic"), ("shown", ""),
            ("unexpected", "<b>"), ("amount:day", "1"), ("remove", "name[0]"), ("action", "continue"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var answers = DraftAnswers(j);
        Assert.Equal("Alex", answers.GetProperty("name").GetString());
        Assert.False(answers.TryGetProperty("story", out _));
        Assert.False(answers.TryGetProperty("no_such_item", out _));
    }

    [Fact]
    public async Task AnswerAfterAnotherTabSaved_IsNotSaved_ThePatientIsTold_AndWhatTheyTypedIsShown()
    {
        using var j = await NotesAsync();
        await j.Driver.GetAsync(j.Page("one", "test-notes"));
        var staleCopy = j.Driver.Html;
        await j.Driver.AnswerAsync(j.Page("one", "test-notes"), ("name", "Tab one"), ("amount", "5"));

        var response = await j.Driver.PostWithPageAsync(j.Page("one", "test-notes"), staleCopy,
            ("shown", "name"), ("name", "Tab two"), ("action", "continue"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changed in another window or on another device", j.Driver.Html);
        Assert.Contains("value=\"Tab two\"", j.Driver.Html);
        Assert.Contains("value=\"5\"", j.Driver.Html); // the other tab's answer is kept
        Assert.Equal("Tab one", DraftAnswers(j).GetProperty("name").GetString());
        // Continuing from the refreshed page saves on top of the newer draft.
        // (a browser posts every box on the page: the other tab's amount is in its box now)
        var saved = await j.Driver.PostAsync(j.Page("one", "test-notes"), ("shown", "name"), ("shown", "started"),
            ("shown", "amount"), ("name", "Tab two"), ("amount", "5"), ("action", "continue"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Tab two", DraftAnswers(j).GetProperty("name").GetString());
        Assert.Equal(5, DraftAnswers(j).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task ExpiredSession_SendsToSignIn_AndTheSavedDraftIsKept()
    {
        using var j = await NotesAsync();
        await j.Driver.AnswerAsync(j.Page("one", "test-notes"), ("name", "Alex"));
        await j.Driver.GetAsync(j.Page("two", "test-notes"));

        j.Site.Clock.Advance(TimeSpan.FromMinutes(25));
        var response = await j.Driver.PostAsync(j.Page("two", "test-notes"), ("shown", "story"), ("story", "late"), ("action", "continue"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
        Assert.Equal("Alex", DraftAnswers(j).GetProperty("name").GetString());
        await SignIn.PasswordAsync(j.Driver.Client, j.Patient.UserName, TestSite.Password);
        await j.Driver.GetAsync(j.Page("one", "test-notes"));
        Assert.Contains("value=\"Alex\"", j.Driver.Html);
    }
}
