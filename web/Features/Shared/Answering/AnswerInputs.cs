using System.Globalization;
using System.Text.RegularExpressions;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;
using Microsoft.Extensions.Primitives;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// Between an answer and the inputs that show it: a date is three boxes (day, month, year), a date and time adds a
/// time box, a yes/no is two radios. The form's own names are the answer path, with <c>:day</c>, <c>:month</c>,
/// <c>:year</c> and <c>:time</c> for the parts (a colon cannot occur in an item id).
/// </summary>
public static partial class AnswerInputs
{
    /// <summary>Shows a stored answer (as <see cref="Session.GetAnswer"/> gives it) in a field's inputs.</summary>
    public static void FromAnswer(Field field, object? answer)
    {
        switch (answer)
        {
            case null:
                return;
            case bool b:
                field.Text = b ? "true" : "false";
                return;
            case string[] codes:
                field.Selected = codes;
                return;
            case decimal d:
                field.Text = d.ToString(CultureInfo.InvariantCulture);
                return;
            case string s when field.Type is ItemType.Date or ItemType.DateTime
                               && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t):
                (field.Day, field.Month, field.Year) = (t.Day.ToString(CultureInfo.InvariantCulture),
                    t.Month.ToString(CultureInfo.InvariantCulture), t.Year.ToString(CultureInfo.InvariantCulture));
                if (field.Type == ItemType.DateTime)
                    field.Time = t.ToString("HH:mm", CultureInfo.InvariantCulture);
                return;
            default:
                field.Text = Convert.ToString(answer, CultureInfo.InvariantCulture) ?? "";
                return;
        }
    }

    /// <summary>Reads one question's inputs from the form as the answer to give the engine (a string, codes, or
    /// null to clear), or a message when the inputs cannot make an answer at all (a date that does not exist).</summary>
    public static (object? Answer, string? Error) ToAnswer(ItemInfo item, IFormCollection form, string path)
    {
        switch (item.Type)
        {
            case ItemType.MultipleChoice:
                var codes = form[path].OfType<string>().Where(c => c.Length > 0).ToArray();
                return (codes.Length == 0 ? null : codes, null);
            case ItemType.Date:
                return DatePart(form, path);
            case ItemType.DateTime:
                var (date, error) = DatePart(form, path);
                var time = Value(form[path + ":time"]).Trim();
                if (error is not null || (date is null && time.Length == 0))
                    return (null, error);
                if (date is null)
                    return (null, "Enter the date as well as the time");
                if (time.Length == 0)
                    return (null, "Enter the time, for example 7:30am or 19:45");
                return Time(time) is { } clock
                    ? ($"{date}T{clock.Hour:00}:{clock.Minute:00}", null)
                    : (null, "Enter a real time, for example 7:30am or 19:45");
            default:
                var text = Value(form[path]);
                return (text.Length == 0 ? null : text, null);
        }
    }

    private static (string? Date, string? Error) DatePart(IFormCollection form, string path)
    {
        var parts = new[] { ":day", ":month", ":year" }.Select(p => Value(form[path + p]).Trim()).ToArray();
        if (parts.All(p => p.Length == 0))
            return (null, null);
        string[] names = ["a day", "a month", "a year"];
        var missing = names.Where((_, i) => parts[i].Length == 0).ToList();
        if (missing.Count > 0)
            return (null, $"The date must include {(missing.Count == 1 ? missing[0] : string.Join(", ", missing[..^1]) + " and " + missing[^1])}");
        if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && Month(parts[1]) is { } month
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1000 and <= 9999
            && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            return ($"{year:0000}-{month:00}-{day:00}", null);
        if (parts[2].Length is > 0 and < 4 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return (null, "The year must include 4 numbers, for example 1980");
        return (null, "Enter a real date, for example 27 3 2026");
    }

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>A month as a number (3) or in words ("March", "Mar", "Sept"), as people write it; null otherwise.</summary>
    public static int? Month(string text)
    {
        var t = text.Trim().TrimEnd('.').ToLowerInvariant();
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n is >= 1 and <= 12 ? n : null;
        if (t.Length < 3)
            return null;
        var index = Array.FindIndex(MonthNames, m => m.StartsWith(t, StringComparison.Ordinal) || (t == "sept" && m == "september"));
        return index >= 0 ? index + 1 : null;
    }

    /// <summary>A time of day as people write it: "19:45", "07.30", "0730", "7:30am", "7.30 pm", "7am", "12pm" (noon),
    /// "12am" (midnight), "noon", "midnight"; null when it is not a real time.</summary>
    public static TimeOnly? Time(string text)
    {
        var t = text.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace(".m.", "m", StringComparison.Ordinal);
        if (t is "noon" or "midday") return new TimeOnly(12, 0);
        if (t == "midnight") return new TimeOnly(0, 0);
        if (TimePattern().Match(t) is not { Success: true } m)
            return null;
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = m.Groups["ampm"].Success ? m.Groups["ampm"].Value : null;
        if (half is null && !m.Groups["m"].Success)
            return null; // "7" alone could be morning or evening
        if (half is not null)
        {
            if (hour is < 1 or > 12) return null;
            hour = hour % 12 + (half == "pm" ? 12 : 0);
        }
        return hour < 24 && minute < 60 ? new TimeOnly(hour, minute) : null;
    }

    private static string Value(StringValues values) => values.Count == 0 ? "" : values[0] ?? "";

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.]?(?<m>\d{2}))?(?<ampm>am|pm)?$")]
    private static partial Regex TimePattern();
}
