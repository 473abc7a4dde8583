using System.Globalization;

namespace HistoryEngine.Web.Infrastructure.Time;

/// <summary>
/// When the practice is open, in UK time, from configuration: <c>Practice:OpeningHours:Monday</c> (and the other
/// weekdays) as <c>08:00-18:30</c>, a day left out or set to <c>closed</c> being closed; and
/// <c>Practice:ClosedDates</c>, a list of <c>yyyy-MM-dd</c> days it is shut though the weekday says open (bank
/// holidays, training afternoons taken as whole days). A value that cannot be read stops the site at start-up with the
/// key named, so a typo cannot quietly tell patients the wrong day.
/// </summary>
public sealed class OpeningHours
{
    /// <summary>How close to closing a submission can arrive and still be read that day: later than this, it is read the
    /// next day the practice opens (local decision: a practice cannot promise to read what arrives in its last hour).</summary>
    public static readonly TimeSpan LastHour = TimeSpan.FromHours(1);

    /// <summary>How far ahead a reading day is looked for; with none in that time the page gives no day.</summary>
    public const int DaysAhead = 21;

    private readonly IReadOnlyDictionary<DayOfWeek, (TimeOnly Open, TimeOnly Close)> _days;
    private readonly IReadOnlySet<DateOnly> _closed;

    public OpeningHours(IReadOnlyDictionary<DayOfWeek, (TimeOnly Open, TimeOnly Close)> days, IEnumerable<DateOnly> closed)
    {
        _days = days;
        _closed = closed.ToHashSet();
    }

    /// <summary>True when at least one weekday has hours: without any, pages say only that the practice will read it.</summary>
    public bool IsKnown => _days.Count > 0;

    /// <summary>The hours on a day, or null when the practice is closed all day.</summary>
    public (TimeOnly Open, TimeOnly Close)? On(DateOnly day) =>
        !_closed.Contains(day) && _days.TryGetValue(day.DayOfWeek, out var hours) ? hours : null;

    /// <summary>When a submission sent at <paramref name="sentAt"/> will be read: today while the practice is open and
    /// more than <see cref="LastHour"/> from closing, else during the next day it opens; null when the hours are not
    /// known or no open day comes within <see cref="DaysAhead"/> days.</summary>
    public ReadBy? WhenRead(DateTimeOffset sentAt)
    {
        if (!IsKnown)
            return null;
        var wall = UkTime.Local(sentAt);
        var today = DateOnly.FromDateTime(wall);
        var time = TimeOnly.FromDateTime(wall);
        if (On(today) is { } now && time >= now.Open && time < now.Close && now.Close - time > LastHour)
            return new ReadBy(today, now.Open, now.Close, Today: true, OpenNow: true);
        var openNow = On(today) is { } late && time >= late.Open && time < late.Close;
        // Before opening time today counts as "today" too: it is read once the doors open.
        if (On(today) is { } later && time < later.Open)
            return new ReadBy(today, later.Open, later.Close, Today: true, OpenNow: false);
        for (var day = today.AddDays(1); day <= today.AddDays(DaysAhead); day = day.AddDays(1))
            if (On(day) is { } hours)
                return new ReadBy(day, hours.Open, hours.Close, Today: false, OpenNow: openNow);
        return null;
    }

    /// <summary>The day a submission will be read, with that day's hours; <see cref="OpenNow"/> when the practice was
    /// open as it was sent (but closing within the hour, when <see cref="Today"/> is false).</summary>
    public sealed record ReadBy(DateOnly Day, TimeOnly Open, TimeOnly Close, bool Today, bool OpenNow)
    {
        /// <summary>"8am", "6:30pm": NHS.UK style times.</summary>
        public static string Clock(TimeOnly time)
        {
            var text = UkTime.Time(DateOnly.MinValue.ToDateTime(time));
            return text.Replace(":00", "", StringComparison.Ordinal);
        }
    }

    /// <summary>Reads the configuration; a malformed value is an <see cref="InvalidOperationException"/> naming its key.</summary>
    public static OpeningHours From(IConfiguration configuration)
    {
        var days = new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)>();
        var section = configuration.GetSection("Practice:OpeningHours");
        foreach (var child in section.GetChildren())
        {
            var key = $"Practice:OpeningHours:{child.Key}";
            if (!Enum.TryParse<DayOfWeek>(child.Key, ignoreCase: true, out var weekday) || !Enum.IsDefined(weekday)
                || int.TryParse(child.Key, out _))
                throw new InvalidOperationException($"{key}: '{child.Key}' is not a day of the week (Monday to Sunday).");
            var value = child.Value?.Trim() ?? "";
            if (value.Length == 0 || value.Equals("closed", StringComparison.OrdinalIgnoreCase))
                continue;
            var parts = value.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !TryTime(parts[0], out var open) || !TryTime(parts[1], out var close) || close <= open)
                throw new InvalidOperationException(
                    $"{key}: '{value}' is not opening hours; write them as 08:00-18:30 (24-hour UK times, closing after opening), or closed.");
            days[weekday] = (open, close);
        }
        var closed = new List<DateOnly>();
        foreach (var child in configuration.GetSection("Practice:ClosedDates").GetChildren())
        {
            if (!DateOnly.TryParseExact(child.Value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new InvalidOperationException(
                    $"Practice:ClosedDates:{child.Key}: '{child.Value}' is not a date; write it as 2026-12-25.");
            closed.Add(day);
        }
        return new OpeningHours(days, closed);
    }

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
