using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

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

    private const string Snomed = "http://snomed.info/sct", Loinc = "http://loinc.org";

    // Ranges by code: the same limits the questionnaires accept for a reading, and each instrument's score range.
    private static readonly Dictionary<(string, string), Range> ByCode = new()
    {
        [(Snomed, "407554009")] = new(50, 300, true), // sitting systolic
        [(Snomed, "407555005")] = new(30, 200, true), // sitting diastolic
        [(Snomed, "400974009")] = new(50, 300, true), // standing systolic
        [(Snomed, "400975005")] = new(30, 200, true), // standing diastolic
        [(Snomed, "413606001")] = new(50, 300, true), // average home systolic
        [(Snomed, "413605002")] = new(30, 200, true), // average home diastolic
        [(Loinc, "44261-6")] = new(0, 27, true), // PHQ-9 total
        [(Snomed, "720433000")] = new(0, 27, true),
        [(Loinc, "44260-8")] = new(0, 3, true), // PHQ-9 item 9
        [(Loinc, "70274-6")] = new(0, 21, true), // GAD-7 total
        [(Snomed, "445455005")] = new(0, 21, true),
        [(Snomed, "763256006")] = new(0, 12, true), // AUDIT-C
    };

    // Ranges by UCUM unit, for codes not listed above.
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

    /// <summary>How a unit reads on screen: mmHg for mm[Hg], nothing for a score.</summary>
    public static string UnitText(string? unit) => unit switch
    {
        null or "" => "",
        "mm[Hg]" => "mmHg",
        "{score}" => "",
        _ when unit.StartsWith('{') => "",
        _ => unit,
    };

    /// <summary>Checks <paramref name="typed"/> for an entry with this code, unit and proposed value type;
    /// <paramref name="postedUnit"/> is the unit the form sent back with it.</summary>
    public static CheckedValue Check(string display, string system, string code, string? unit, JsonValueKind proposedKind,
        string? typed, string? postedUnit)
    {
        var what = display.Length == 0 ? "the value" : display;
        var text = (typed ?? "").Trim();
        if ((postedUnit ?? unit ?? "") != (unit ?? ""))
            return new(null, $"{what} is recorded in {Describe(unit)}, not '{postedUnit}'. Enter the value in {Describe(unit)}.");
        if (text.Length == 0 && proposedKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return new(null, null);
        if (text.Length == 0)
            return new(null, $"Enter a value for {what}, or untick it to leave it out.");
        switch (proposedKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return text.ToLowerInvariant() switch
                {
                    "true" or "yes" => new("true", null),
                    "false" or "no" => new("false", null),
                    _ => new(null, $"{what} must be yes or no."),
                };
            case JsonValueKind.Number:
                return Number(what, system, code, unit, text);
            default:
                return text.Length > 200 ? new(null, $"{what} must be 200 characters or fewer.") : new(text, null);
        }
    }

    private static CheckedValue Number(string what, string system, string code, string? unit, string text)
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
        var range = ByCode.GetValueOrDefault((system, code)) ?? (unit is null ? null : ByUnit.GetValueOrDefault(unit));
        if (range is { Whole: true } && value != decimal.Truncate(value))
            return new(null, $"{what} must be a whole number{InUnit(unit)}.");
        if (range is not null && (value < range.Min || value > range.Max))
            return new(null, $"{what} must be between {range.Min} and {range.Max}{InUnit(unit)}; {value.ToString(CultureInfo.InvariantCulture)} is out of range.");
        return new(value.ToString(CultureInfo.InvariantCulture), null);
    }

    private static bool SameUnit(string typed, string? unit) =>
        unit is not null && (string.Equals(typed, unit, StringComparison.OrdinalIgnoreCase)
                             || string.Equals(typed, UnitText(unit), StringComparison.OrdinalIgnoreCase));

    private static string InUnit(string? unit) => UnitText(unit) is { Length: > 0 } u ? " of " + u : "";

    private static string Describe(string? unit) => UnitText(unit) is { Length: > 0 } u ? u : unit is null ? "no unit" : "points";

    [GeneratedRegex(@"^(?<number>[+-]?\d+(\.\d+)?)\s*(?<unit>\S.*)?$")]
    private static partial Regex NumberWithUnit();
}
