namespace HistoryEngine.Web.Tests.Time;

/// <summary>The days the UK's clocks change: the last Sunday of March (forward) and of October (back), at 01:00 UTC.
/// Tests move the site's clock there; it can only be moved on from the real time, so these are the next ones.</summary>
public static class ClockChanges
{
    public static DateOnly LastSunday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(int)last.DayOfWeek);
    }

    /// <summary>The next change in <paramref name="month"/> (3 or 10) more than two days after today (UTC), so the
    /// day before it is still ahead of the real time too.</summary>
    public static DateOnly Next(int month)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var day = LastSunday(today.Year, month);
        return day > today.AddDays(2) ? day : LastSunday(today.Year + 1, month);
    }

    /// <summary>That day (or one near it) at a UTC time written "HH:mm".</summary>
    public static DateTimeOffset At(DateOnly day, string utc) =>
        new(day.ToDateTime(TimeOnly.ParseExact(utc, "HH:mm", System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.Zero);
}
