using System.Globalization;

namespace HistoryEngine.Web.Infrastructure.Time;

/// <summary>
/// UK local time (Europe/London: GMT in winter, British Summer Time in summer) for every time a person reads or types.
/// The store keeps instants in UTC; pages show them here in UK time with no zone label, and a time a patient types is
/// a UK wall-clock time. Only the instant is taken from the site's <see cref="TimeProvider"/>, never its zone (the
/// machine's), so a server set to UTC, or to anything else, shows and checks the same times. Thread-safe.
/// </summary>
public static class UkTime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Europe/London from the machine's time zone data, or the same rules built in when it has none.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The UK wall-clock time of an instant.</summary>
    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public static DateTime Now(TimeProvider clock) => Local(clock.GetUtcNow());

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock));

    /// <summary>Age in whole years on a day: a birthday counts from the day itself.</summary>
    public static int AgeOn(DateOnly born, DateOnly day) =>
        day.Year - born.Year - (day < born.AddYears(day.Year - born.Year) ? 1 : 0);

    /// <summary>The instant a UK day starts (midnight UK time), for searches by day.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>The site's clock with UK time as its local zone: what the engine's <c>today()</c> and <c>now()</c>
    /// read, so they agree with the times patients type.</summary>
    public static TimeProvider Clock(TimeProvider clock) => clock is UkClock ? clock : new UkClock(clock);

    /// <summary>"3 March 2026 at 2:05pm": for patients (NHS.UK style: 12-hour clock, am and pm).</summary>
    public static string DateAndTime(DateTimeOffset instant) => DateAndTime(Local(instant));

    /// <summary>A UK wall-clock time (one a patient typed), as <see cref="DateAndTime(DateTimeOffset)"/>.</summary>
    public static string DateAndTime(DateTime wall) => $"{Date(DateOnly.FromDateTime(wall))} at {Time(wall)}";

    /// <summary>"3 March 2026".</summary>
    public static string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(Local(instant)));

    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", English);

    /// <summary>"Monday 2 March": a day heading.</summary>
    public static string DayName(DateOnly day) => day.ToString("dddd d MMMM", English);

    /// <summary>"2:05pm" of a UK wall-clock time.</summary>
    public static string Time(DateTime wall) =>
        wall.ToString("h:mmtt", English).Replace("AM", "am", StringComparison.Ordinal).Replace("PM", "pm", StringComparison.Ordinal);

    /// <summary>"3 Mar 2026 14:05": for staff tables, where 24-hour times line up.</summary>
    public static string Short(DateTimeOffset instant) => Short(Local(instant));

    public static string Short(DateTime wall) => wall.ToString("d MMM yyyy HH:mm", English);

    /// <summary>"3 Mar 2026".</summary>
    public static string ShortDate(DateTimeOffset instant) => ShortDate(DateOnly.FromDateTime(Local(instant)));

    public static string ShortDate(DateOnly day) => day.ToString("d MMM yyyy", English);

    /// <summary>"2026-03-03 14:05:09": the audit trail's precise, sortable form.</summary>
    public static string Precise(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>For a <c>&lt;time datetime&gt;</c> attribute: the instant with its UK offset.</summary>
    public static string Machine(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/London"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return BuiltInZone(); }
    }

    /// <summary>The UK's rules since 1996: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
    /// last Sunday of October. Only for a machine without time zone data (a slim container), so times stay right.</summary>
    internal static TimeZoneInfo BuiltInZone()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(1996, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Europe/London", TimeSpan.Zero, "UK time", "GMT", "BST", [rule]);
    }

    /// <summary>Another clock's instants and timers, in UK time.</summary>
    private sealed class UkClock(TimeProvider inner) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
        public override TimeZoneInfo LocalTimeZone => Zone;
        public override long TimestampFrequency => inner.TimestampFrequency;
        public override long GetTimestamp() => inner.GetTimestamp();
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }
}
