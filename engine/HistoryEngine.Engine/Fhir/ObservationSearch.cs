using System.Globalization;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// The FHIR search parameters an Observation search of one patient's record is answered with, here and on the site's
/// FHIR endpoint alike: <c>code</c> (a comma-separated list of tokens, <c>system|code</c>, <c>|code</c> or
/// <c>code</c>, matched against every coding) and <c>date</c> (with the prefixes eq, ne, ge, gt, le, lt, sa, eb; a
/// date matches its whole day, month or year).
/// </summary>
public static class ObservationSearch
{
    /// <summary>The test one parameter makes of an observation; null when the value is not one the search takes.</summary>
    public static Func<ContextObservation, bool>? Test(string name, string value)
    {
        switch (name)
        {
            case "code":
                var tokens = value.Split(',').Select(t => t.Split('|', 2)).ToList();
                if (tokens.Any(t => t[^1].Length == 0)) return null;
                return o => o.Codings.Any(c =>
                    tokens.Any(t => t.Length == 1 ? t[0] == c.Code : (t[0].Length == 0 || t[0] == c.System) && t[1] == c.Code));
            case "date":
                return DateTest(value) is { } keep ? o => keep(o.Effective) : null;
            default:
                return null;
        }
    }

    /// <summary>A FHIR date search value (<c>ge2026-01-01</c>, <c>lt2026-03-01T09:00</c>, <c>2026-03</c>) as a test on a
    /// time; null when it is not one. A date without a prefix, or with <c>eq</c>, matches the whole day (or month, year).</summary>
    private static Func<DateTime, bool>? DateTest(string value)
    {
        if (value.Length == 0) return null;
        var prefix = value.Length > 2 && char.IsAsciiLetter(value[0]) ? value[..2] : "eq";
        var text = prefix == "eq" && !char.IsAsciiLetter(value[0]) ? value : value[2..];
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)) return null;
        var end = text.Length switch
        {
            4 => start.AddYears(1),
            7 => start.AddMonths(1),
            10 => start.AddDays(1),
            16 => start.AddMinutes(1),
            _ => start.AddSeconds(1),
        };
        return prefix switch
        {
            "eq" => t => t >= start && t < end,
            "ne" => t => t < start || t >= end,
            "ge" or "sa" => t => t >= start,
            "gt" => t => t >= end,
            "le" or "eb" => t => t < end,
            "lt" => t => t < start,
            _ => null,
        };
    }

}
