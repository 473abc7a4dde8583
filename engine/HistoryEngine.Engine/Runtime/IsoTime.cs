using System.Globalization;
using System.Text.RegularExpressions;

namespace HistoryEngine.Runtime;

/// <summary>
/// Reads the "now" a scenario or <c>historyengine run --now</c> gives: ISO-8601 only, as UK local time (the wall
/// clock the patient sees), so <c>10/03/2026</c> is never read as 3 October. Anything else is refused with the ISO
/// form to write instead, both readings when the text could mean either.
/// </summary>
public static partial class IsoTime
{
    private static readonly string[] Formats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>The wall-clock time <paramref name="text"/> names, or null with <paramref name="problem"/> saying what to write.</summary>
    public static DateTime? ParseLocal(string text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            if (t.Year is >= 1900 and < 2200) return DateTime.SpecifyKind(t, DateTimeKind.Unspecified);
            problem = $"'{text}' is outside the years 1900 to 2199";
            return null;
        }
        if (Offset().Match(trimmed) is { Success: true } withOffset)
        {
            problem = $"'{text}' has a time zone, but the time is UK local time as the patient sees it: write {withOffset.Groups[1].Value}";
            return null;
        }
        problem = $"'{text}' is not an ISO-8601 date and time: {Suggest(trimmed)}";
        return null;
    }

    /// <summary>What to write instead: the ISO forms a day-first or month-first date could mean.</summary>
    private static string Suggest(string text)
    {
        if (Slashed().Match(text) is not { Success: true } m) return "write it as year-month-day, such as 2026-03-01T08:00";
        var a = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        var time = m.Groups[4].Success ? $"T{int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture):00}:{m.Groups[5].Value}" : "";
        string? Iso(int day, int month) =>
            month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
                ? $"{year:0000}-{month:00}-{day:00}{time} ({day} {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)})"
                : null;
        var dayFirst = Iso(a, b);
        var monthFirst = Iso(b, a);
        return (dayFirst, monthFirst) switch
        {
            ({ } d, { } mf) when d != mf => $"write {d} or {mf}",
            ({ } d, _) => $"write {d}",
            (_, { } mf) => $"write {mf}",
            _ => "write it as year-month-day, such as 2026-03-01T08:00",
        };
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex Offset();

    [GeneratedRegex(@"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2}))?$")]
    private static partial Regex Slashed();
}
