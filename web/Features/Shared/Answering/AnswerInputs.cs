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
                    return (null, "Enter the time, for example 07:30");
                return TimePattern().Match(time) is { Success: true } m
                       && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var h and < 24
                       && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) is var min and < 60
                    ? ($"{date}T{h:00}:{min:00}", null)
                    : (null, "Enter a real time, for example 07:30 or 19:45");
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
        if (parts.Any(p => p.Length == 0))
            return (null, "Enter a full date, with a day, month and year");
        if (parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            && int.Parse(parts[2], CultureInfo.InvariantCulture) is var year and >= 1000 and <= 9999
            && int.Parse(parts[1], CultureInfo.InvariantCulture) is var month and >= 1 and <= 12
            && int.Parse(parts[0], CultureInfo.InvariantCulture) is var day and >= 1
            && day <= DateTime.DaysInMonth(year, month))
            return ($"{year:0000}-{month:00}-{day:00}", null);
        return (null, "Enter a real date, for example 27 3 2026");
    }

    private static string Value(StringValues values) => values.Count == 0 ? "" : values[0] ?? "";

    [GeneratedRegex(@"^(\d{1,2})[:.]?(\d{2})$")]
    private static partial Regex TimePattern();
}
