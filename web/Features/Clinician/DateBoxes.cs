using System.Globalization;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>A date typed as three boxes (day, month, year) on the clinician's forms: which box is empty, and the date
/// the three make when it is a real one. Each form says in its own words what is wrong.</summary>
public static class DateBoxes
{
    /// <summary>The first empty box ("day", "month" or "year"), or null when all three are filled.</summary>
    public static string? Missing(string? day, string? month, string? year) =>
        day is null ? "day" : month is null ? "month" : year is null ? "year" : null;

    /// <summary>The date, when the boxes hold whole numbers that make a real one with a four-digit year; else null.</summary>
    public static DateOnly? Real(string day, string month, string year) =>
        int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 1000 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;
}
