using System.Globalization;
using System.Net;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using HistoryEngine.Web.Tests.Time;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// Issue 12 point 3: a reading dated after now (beyond the 5 minutes of clock drift the diary file allows) gets a
/// message next to the date, compared with UK local time (Europe/London), not UTC, also on the two days the clocks
/// change; and the same sitting added twice is caught with a plain question and counted once. The site's clock is
/// set through its TimeProvider, whose own zone is UTC here as on the server (the site must not read it).
/// </summary>
public sealed class DiaryTimeTests
{
    /// <summary>Adds a one-reading sitting taken on a UK day at a UK time.</summary>
    private static Task<HttpResponseMessage> AddAsync(DiaryPage d, DateOnly day, string time, string top = "130", string bottom = "80",
        string pulse = "") => d.AddAsync(day.ToDateTime(TimeOnly.MinValue), time, top, bottom, pulse1: pulse);

    private static async Task<int> SavedCountAsync(DiaryPage d) => (await d.SavedReadingsAsync()).Length;

    /// <summary>
    /// The clock at <paramref name="utc"/> on the day the clocks change (or the day before); the patient types that UK
    /// date with <paramref name="inTime"/> (at most 5 minutes ahead of UK now: accepted) and <paramref name="aheadTime"/>
    /// (6 minutes ahead: refused). UTC and UK time differ by an hour in summer, so comparing with UTC gets these wrong.
    /// </summary>
    [Theory]
    [InlineData(3, 0, "00:30", "00:35", "00:36")] // forward: 00:30 GMT, before the change
    [InlineData(3, 0, "01:30", "02:35", "02:36")] // forward: 02:30 BST, just after it (UTC says 01:30)
    [InlineData(3, 0, "12:00", "13:05", "13:06")] // forward: 13:00 BST
    [InlineData(10, -1, "12:00", "13:05", "13:06")] // the day before going back: 13:00 BST
    [InlineData(10, 0, "00:30", "01:35", "01:36")] // back: 01:30 BST, the first time round
    [InlineData(10, 0, "01:30", "01:35", "01:36")] // back: 01:30 GMT, the second time round
    [InlineData(10, 0, "12:00", "12:05", "12:06")] // back: 12:00 GMT
    public async Task Issue12_AReadingAfterUkNow_IsRefusedAtTheDate_OnTheDaysTheClocksChange(int month, int dayOffset, string utc,
        string inTime, string aheadTime)
    {
        var day = ClockChanges.Next(month).AddDays(dayOffset);
        var at = ClockChanges.At(day, utc);
        using var d = await DiaryPage.StartAsync(at);

        var ahead = await AddAsync(d, day, aheadTime);

        Assert.Equal(HttpStatusCode.OK, ahead.StatusCode);
        Assert.Contains("href=\"#sitting-day\">Date and time: This date and time is after now.", d.Driver.Html);
        Assert.Contains("<span class=\"nhsuk-error-message\" id=\"sitting-day-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> This date and time is after now.", d.Driver.Html);
        Assert.Equal(0, await SavedCountAsync(d));

        var within = await AddAsync(d, day, inTime);

        Assert.Equal(HttpStatusCode.Redirect, within.StatusCode);
        Assert.Equal(1, await SavedCountAsync(d));
    }

    [Theory]
    [InlineData(3, "01:30", "02:30")] // just after the clocks go forward: UK time is an hour ahead of UTC
    [InlineData(10, "00:30", "01:30")] // just before they go back
    [InlineData(10, "01:30", "01:30")] // just after
    public async Task Issue12_TheFormStartsWithUkNow_WhateverTheServersZone(int month, string utc, string uk)
    {
        var day = ClockChanges.Next(month);
        var at = ClockChanges.At(day, utc);
        // A server in UTC, and one somewhere else entirely: the form is the same.
        foreach (var zone in new[] { TimeZoneInfo.Utc, TimeZoneInfo.CreateCustomTimeZone("far away", TimeSpan.FromHours(9), "far away", "far away") })
        {
            using var d = await DiaryPage.StartAsync(at, zone);
            await d.Driver.GetAsync(d.Url);
            Assert.Equal((day.Day.ToString(CultureInfo.InvariantCulture), uk), (InputValue(d.Driver.Html, "taken:day"), InputValue(d.Driver.Html, "taken:time")));
        }
    }

    [Fact]
    public async Task Issue12_ChangingAReadingToAfterUkNow_IsRefusedToo()
    {
        var day = ClockChanges.Next(3);
        using var d = await DiaryPage.StartAsync(ClockChanges.At(day, "12:00")); // 13:00 BST
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(d, day, "12:50")).StatusCode);
        await d.Driver.GetAsync(DiaryUrls.Reading(d.Patient.Id, 0));
        var shown = JourneyDriver.Shown(d.Driver.Html).Select(s => ("shown", s)).ToArray();
        (string, string)[] When(string time) =>
        [
            ("readings[0].taken:day", day.Day.ToString(CultureInfo.InvariantCulture)), ("readings[0].taken:month", day.Month.ToString(CultureInfo.InvariantCulture)),
            ("readings[0].taken:year", day.Year.ToString(CultureInfo.InvariantCulture)), ("readings[0].taken:time", time),
            ("readings[0].systolic", "130"), ("readings[0].diastolic", "80"),
        ];

        var ahead = await d.Driver.PostAsync(DiaryUrls.Reading(d.Patient.Id, 0), [.. shown, .. When("13:06")]);
        Assert.Equal(HttpStatusCode.OK, ahead.StatusCode);
        Assert.Contains("This date and time is after now.", d.Driver.Html);
        var within = await d.Driver.PostWithPageAsync(DiaryUrls.Reading(d.Patient.Id, 0), d.Driver.Html, [.. shown, .. When("13:05")]);
        Assert.Equal(HttpStatusCode.Redirect, within.StatusCode);
    }

    private static string? InputValue(string html, string name) =>
        System.Text.RegularExpressions.Regex.Match(html, $"<input[^>]*name=\"{name}\"[^>]*value=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [Fact]
    public async Task Issue12_TheSameSittingAddedTwice_IsCaughtWithAPlainQuestion_AndCountedOnce()
    {
        using var d = await DiaryPage.StartAsync(ClockChanges.At(ClockChanges.Next(3).AddDays(10), "18:00"));
        var day = ClockChanges.Next(3).AddDays(9);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(d, day, "07:30", "148", "92", pulse: "71")).StatusCode);

        var again = await AddAsync(d, day, "07:30", "148", "92", pulse: "71");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You already added this reading", d.Driver.Html);
        Assert.Contains($"Your diary already has a reading from {UkTime.DayName(day)} at 7:30am: 148/92. It has not been added again.", d.Driver.Html);
        Assert.Contains("Is this a different reading?", d.Driver.Html);
        Assert.Contains($"<a href=\"{d.Url}#status\">No, go back to my diary</a>", d.Driver.Html);
        Assert.Contains("<a href=\"#sitting-day\">Yes, change the date or time</a>", d.Driver.Html);
        Assert.Contains("value=\"148\"", d.Driver.Html); // what they typed is still there to change
        Assert.DoesNotContain("There is a problem", d.Driver.Html);
        Assert.Equal(1, await SavedCountAsync(d));
        await d.Driver.GetAsync(d.Url);
        Assert.Contains("Readings on 1 day.", d.Driver.Html);

        // The same time with different numbers, or the same numbers a minute later, is another reading.
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(d, day, "07:30", "146", "92", pulse: "71")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(d, day, "07:32", "148", "92", pulse: "71")).StatusCode);
        Assert.Equal(3, await SavedCountAsync(d));
    }
}
