using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.Extensions.Configuration;

namespace HistoryEngine.Web.Tests.Time;

/// <summary>
/// Issue 15 point 10: the confirmation says when the practice will read a submission, from its opening hours in
/// configuration (UK time). December 2026 is GMT (UK time = UTC): Thursday 10, Friday 11, Saturday 12, Monday 14;
/// Friday 25 and Monday 28 are bank holidays. 1 June 2026 (a Monday) is summer time, an hour ahead of UTC.
/// </summary>
public sealed class OpeningHoursTests
{
    private static readonly Dictionary<string, string?> Weekdays = new()
    {
        ["Practice:OpeningHours:Monday"] = "08:00-18:30",
        ["Practice:OpeningHours:Tuesday"] = "08:00-18:30",
        ["Practice:OpeningHours:Wednesday"] = "08:00-18:30",
        ["Practice:OpeningHours:Thursday"] = "08:00-18:30",
        ["Practice:OpeningHours:Friday"] = "08:00-18:30",
        ["Practice:OpeningHours:Saturday"] = "closed",
        ["Practice:ClosedDates:0"] = "2026-12-25",
        ["Practice:ClosedDates:1"] = "2026-12-28",
    };

    private static OpeningHours Hours(Dictionary<string, string?>? settings = null) =>
        OpeningHours.From(new ConfigurationBuilder().AddInMemoryCollection(settings ?? Weekdays).Build());

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void SentWhileOpen_IsReadToday_BeforeClosing()
    {
        var by = Hours().WhenRead(Utc(12, 10, 10, 0))!;

        Assert.Equal((new DateOnly(2026, 12, 10), true, true), (by.Day, by.Today, by.OpenNow));
        Assert.Equal("6:30pm", OpeningHours.ReadBy.Clock(by.Close));
    }

    [Fact]
    public void SentInTheEvening_IsReadTheNextDay()
    {
        var by = Hours().WhenRead(Utc(12, 10, 19, 0))!;

        Assert.Equal((new DateOnly(2026, 12, 11), false, false), (by.Day, by.Today, by.OpenNow));
        Assert.Equal(("8am", "6:30pm"), (OpeningHours.ReadBy.Clock(by.Open), OpeningHours.ReadBy.Clock(by.Close)));
    }

    [Theory]
    [InlineData(11, 19, 0)] // Friday evening
    [InlineData(12, 10, 0)] // Saturday (closed)
    [InlineData(13, 10, 0)] // Sunday (not configured: closed)
    public void SentAtTheWeekend_IsReadOnMonday(int day, int hour, int minute)
    {
        Assert.Equal(new DateOnly(2026, 12, 14), Hours().WhenRead(Utc(12, day, hour, minute))!.Day);
    }

    [Fact]
    public void SentBeforeAClosedDate_SkipsIt_AndTheWeekend_AndTheNextClosedDate()
    {
        // Thursday 24 December in the evening: Friday 25 is closed, then the weekend, then Monday 28 is closed.
        Assert.Equal(new DateOnly(2026, 12, 29), Hours().WhenRead(Utc(12, 24, 19, 0))!.Day);
        // On the closed date itself, in what would be opening hours.
        Assert.Equal(new DateOnly(2026, 12, 29), Hours().WhenRead(Utc(12, 28, 11, 0))!.Day);
    }

    [Fact]
    public void SentBeforeOpening_IsReadThatDay_OnceOpen()
    {
        var by = Hours().WhenRead(Utc(12, 10, 7, 0))!;

        Assert.Equal((new DateOnly(2026, 12, 10), true, false), (by.Day, by.Today, by.OpenNow));
    }

    [Fact]
    public void InTheLastHourBeforeClosing_ItIsReadTheNextDay_AndJustBeforeThatHour_Today()
    {
        var justBefore = Hours().WhenRead(Utc(12, 10, 17, 29))!; // 61 minutes left
        var atTheHour = Hours().WhenRead(Utc(12, 10, 17, 30))!; // 60 minutes left

        Assert.Equal((new DateOnly(2026, 12, 10), true), (justBefore.Day, justBefore.Today));
        Assert.Equal((new DateOnly(2026, 12, 11), false, true), (atTheHour.Day, atTheHour.Today, atTheHour.OpenNow));
    }

    [Fact]
    public void Hours_AreUkTime_InSummerToo()
    {
        // 17:00 UTC on Monday 1 June is 6pm in the UK: half an hour before closing, so Tuesday.
        Assert.Equal(new DateOnly(2026, 6, 2), Hours().WhenRead(Utc(6, 1, 17, 0))!.Day);
        // 06:30 UTC is 7:30am: before opening, so that day.
        Assert.Equal((new DateOnly(2026, 6, 1), true, false), Hours().WhenRead(Utc(6, 1, 6, 30)) is { } by ? (by.Day, by.Today, by.OpenNow) : default);
    }

    [Fact]
    public void WithoutHours_NoDayIsPromised()
    {
        var none = Hours([]);

        Assert.False(none.IsKnown);
        Assert.Null(none.WhenRead(Utc(12, 10, 10, 0)));
    }

    [Theory]
    [InlineData("Practice:OpeningHours:Monday", "8 till 6", "Practice:OpeningHours:Monday: '8 till 6' is not opening hours")]
    [InlineData("Practice:OpeningHours:Monday", "18:30-08:00", "closing after opening")]
    [InlineData("Practice:OpeningHours:Mondy", "08:00-18:30", "'Mondy' is not a day of the week")]
    [InlineData("Practice:ClosedDates:0", "25/12/2026", "Practice:ClosedDates:0: '25/12/2026' is not a date")]
    public void AValueThatCannotBeRead_IsRefused_NamingItsKey(string key, string value, string expected)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Hours(new() { [key] = value }));

        Assert.Contains(expected, e.Message);
    }
}
