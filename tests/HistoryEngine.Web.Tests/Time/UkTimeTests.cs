using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Tests.Time;

/// <summary>
/// Issue 12 point 11: every time a person reads is UK local time (Europe/London, summer time included), from the
/// instant the store keeps in UTC. In 2026 the clocks go forward at 01:00 UTC on 29 March and back at 01:00 UTC on
/// 25 October.
/// </summary>
public sealed class UkTimeTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 29, 0, 59, "2026-03-29 00:59:00")] // GMT: the same as UTC
    [InlineData(3, 29, 1, 0, "2026-03-29 02:00:00")] // BST from here: an hour ahead
    [InlineData(10, 25, 0, 59, "2026-10-25 01:59:00")] // still BST
    [InlineData(10, 25, 1, 0, "2026-10-25 01:00:00")] // GMT again: 01:00 to 01:59 happens twice on the clock
    [InlineData(12, 31, 23, 30, "2026-12-31 23:30:00")]
    [InlineData(6, 30, 23, 30, "2026-07-01 00:30:00")] // a summer night is the next day in the UK
    public void Local_IsUkWallClockTime_OnBothSidesOfEachClockChange(int month, int day, int hour, int minute, string expected) =>
        Assert.Equal(expected, UkTime.Precise(Utc(month, day, hour, minute)));

    [Fact]
    public void Formats_SayUkTime_WithNoZoneLabel()
    {
        var summer = Utc(3, 29, 13, 5);
        var winter = Utc(10, 25, 13, 5);
        Assert.Equal(("29 March 2026 at 2:05pm", "25 October 2026 at 1:05pm"), (UkTime.DateAndTime(summer), UkTime.DateAndTime(winter)));
        Assert.Equal(("29 Mar 2026 14:05", "25 Oct 2026 13:05"), (UkTime.Short(summer), UkTime.Short(winter)));
        Assert.Equal(("2026-03-29T14:05:00+01:00", "2026-10-25T13:05:00+00:00"), (UkTime.Machine(summer), UkTime.Machine(winter)));
        Assert.Equal("1 July 2026", UkTime.Date(Utc(6, 30, 23, 30)));
        Assert.Equal("Sunday 29 March", UkTime.DayName(new DateOnly(2026, 3, 29)));
        Assert.Equal("12:00am", UkTime.Time(new DateTime(2026, 3, 29, 0, 0, 0)));
        Assert.DoesNotContain("UTC", UkTime.DateAndTime(summer) + UkTime.Short(summer) + UkTime.Precise(summer));
    }

    [Theory]
    [InlineData(2026, 3, 28, "2026-03-28T00:00:00+00:00")]
    [InlineData(2026, 3, 29, "2026-03-29T00:00:00+00:00")] // a 23-hour day
    [InlineData(2026, 3, 30, "2026-03-29T23:00:00+00:00")]
    [InlineData(2026, 10, 25, "2026-10-24T23:00:00+00:00")] // a 25-hour day
    [InlineData(2026, 10, 26, "2026-10-26T00:00:00+00:00")]
    public void StartOf_AUkDay_IsUkMidnight(int year, int month, int day, string expectedUtc) =>
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), UkTime.StartOf(new DateOnly(year, month, day)));

    [Fact]
    public void Now_And_Clock_TakeOnlyTheInstant_NeverTheClocksOwnZone()
    {
        var clock = new FakeTimeProvider(Utc(3, 29, 1, 30));
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("far", TimeSpan.FromHours(-7), "far", "far"));
        Assert.Equal(new DateTime(2026, 3, 29, 2, 30, 0), UkTime.Now(clock));
        Assert.Equal(new DateOnly(2026, 3, 29), UkTime.Today(clock));
        var uk = UkTime.Clock(clock);
        Assert.Equal(clock.GetUtcNow(), uk.GetUtcNow());
        Assert.Equal(new DateTime(2026, 3, 29, 2, 30, 0), uk.GetLocalNow().DateTime);
        Assert.Same(uk, UkTime.Clock(uk));
    }

    [Fact]
    public void TheBuiltInRules_AgreeWithTheMachinesTimeZoneData_EveryHourFor40Years()
    {
        var system = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var builtIn = UkTime.BuiltInZone();
        for (var at = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); at.Year < 2040; at = at.AddHours(1))
            Assert.True(system.GetUtcOffset(at) == builtIn.GetUtcOffset(at), $"{at:O}: {system.GetUtcOffset(at)} and {builtIn.GetUtcOffset(at)}");
    }
}
