using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>The value a clinician is about to file, checked: fit to file when <see cref="Error"/> is null
/// (<see cref="Value"/> is then null only for an entry that has no value).</summary>
public sealed record CheckedValue(string? Value, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Checks a value a clinician typed (or left as proposed) before it goes into the record: the right type for the entry
/// (a number, a whole number, yes/no), in a sensible range for the code or, failing that, its unit, and in the entry's
/// own unit (a value typed with another unit, kPa for mmHg say, is refused, never converted). Runs on the server on
/// every post, whatever the browser did.
/// </summary>
public static partial class EntryValueCheck
{
    private sealed record Range(decimal Min, decimal Max, bool Whole);

    // Sanity limits by UCUM unit, used only when the questionnaire file gives no range for the entry (a submission
    // stored before entries had min and max). What may be filed for a code is the file's to say, never the site's.
    private static readonly Dictionary<string, Range> ByUnit = new(StringComparer.Ordinal)
    {
        ["mm[Hg]"] = new(20, 300, true),
        ["{score}"] = new(0, 1000, true),
        ["kg"] = new(1, 400, false),
        ["cm"] = new(20, 260, false),
        ["/min"] = new(20, 300, true),
        ["Cel"] = new(25, 45, false),
        ["%"] = new(0, 100, false),
    };

    /// <summary>Checks <paramref name="typed"/> for an entry with this unit, proposed value type and the range its
    /// questionnaire file gives (<paramref name="range"/>; null when the file gives none);
    /// <paramref name="postedUnit"/> is the unit the form sent back with it. <paramref name="correcting"/>: the value
    /// corrects one already in the record (nothing to untick; the error says so).</summary>
    public static CheckedValue Check(string display, string? unit, StoredValueKind proposedKind, EntryRange? range,
        string? typed, string? postedUnit, bool correcting = false)
    {
        var what = display.Length == 0 ? "the value" : display;
        var text = (typed ?? "").Trim();
        if ((postedUnit ?? unit ?? "") != (unit ?? ""))
            return new(null, $"{what} is recorded in {Describe(unit)}, not '{postedUnit}'. Enter the value in {Describe(unit)}.");
        if (text.Length == 0 && proposedKind == StoredValueKind.None)
            return new(null, null);
        if (text.Length == 0)
            return new(null, correcting ? $"Enter the corrected value for {what}."
                : $"Enter a value for {what}, or untick it to leave it out.");
        switch (proposedKind)
        {
            case StoredValueKind.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "yes" => new("true", null),
                    "false" or "no" => new("false", null),
                    _ => new(null, $"{what} must be yes or no."),
                };
            case StoredValueKind.Number:
                return Number(what, unit, range, text);
            default:
                return text.Length > 200 ? new(null, $"{what} must be 200 characters or fewer.") : new(text, null);
        }
    }

    private static CheckedValue Number(string what, string? unit, EntryRange? fileRange, string text)
    {
        var m = NumberWithUnit().Match(text);
        if (!m.Success)
            return new(null, $"{what} must be a number{InUnit(unit)}, like 142.");
        var typedUnit = m.Groups["unit"].Value.Trim();
        if (typedUnit.Length > 0 && !SameUnit(typedUnit, unit))
            return new(null, $"{what} is recorded in {Describe(unit)}; '{typedUnit}' is a different unit. Enter the value in {Describe(unit)} (it is not converted).");
        if (!decimal.TryParse(m.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
            return new(null, $"{what} must be a number{InUnit(unit)}, like 142.");
        var byUnit = unit is null ? null : ByUnit.GetValueOrDefault(unit);
        var range = fileRange is { Min: { } min, Max: { } max } ? new Range(min, max, fileRange.Whole) : byUnit;
        if (range is { Whole: true } && value != decimal.Truncate(value))
            return new(null, $"{what} must be a whole number{InUnit(unit)}.");
        if (range is not null && (value < range.Min || value > range.Max))
            return new(null, $"{what} must be between {range.Min} and {range.Max}{InUnit(unit)}; {value.ToString(CultureInfo.InvariantCulture)} is out of range.");
        return new(value.ToString(CultureInfo.InvariantCulture), null);
    }

    private static bool SameUnit(string typed, string? unit) =>
        unit is not null && (string.Equals(typed, unit, StringComparison.OrdinalIgnoreCase)
                             || string.Equals(typed, UnitText.Of(unit), StringComparison.OrdinalIgnoreCase));

    private static string InUnit(string? unit) => UnitText.Of(unit) is { Length: > 0 } u ? " of " + u : "";

    private static string Describe(string? unit) => UnitText.Of(unit) is { Length: > 0 } u ? u : unit is null ? "no unit" : "points";

    [GeneratedRegex(@"^(?<number>[+-]?\d+(\.\d+)?)\s*(?<unit>\S.*)?$")]
    private static partial Regex NumberWithUnit();
}
