using System.Globalization;
using System.Text.Json;
using HistoryEngine.Definitions;

namespace HistoryEngine.Runtime;

/// <summary>A flag as a stored result froze it. <see cref="Level"/> is null for a level name this engine does not know.</summary>
public sealed record StoredFlag(string Rule, FlagLevel? Level, string Patient, string Clinician, string Source);

/// <summary>What kind of value a stored entry proposes: none, yes/no, a number, or text (anything else).</summary>
public enum StoredValueKind
{
    None,
    Boolean,
    Number,
    Text,
}

/// <summary>
/// A proposed entry as a stored result froze it, by its position in the result. <see cref="Value"/> is the value as
/// text (numbers in invariant culture, yes/no as <c>true</c>/<c>false</c>); <see cref="Range"/> is null for a result
/// stored before entries had <c>min</c> and <c>max</c>.
/// </summary>
public sealed record StoredEntry(int Index, string System, string Code, string Display, StoredValueKind Kind, string? Value, string? Unit)
{
    /// <summary>Every coding, the primary first; just the primary for a result stored before entries had codings.</summary>
    public IReadOnlyList<EntryCoding> Codings { get; init; } = [new EntryCoding(System, Code, Display)];
    public EntryRange? Range { get; init; }
    public EntryCoding? Panel { get; init; }
    /// <summary>The day the value was taken, from the file's <c>taken:</c>; null for an entry dated by its filing, a
    /// result stored before entries had it, or a day that is not a <c>YYYY-MM-DD</c> date.</summary>
    public DateOnly? Taken { get; init; }
}

/// <summary>A named calculated value as stored; <see cref="Text"/> is null when it could not be worked out.</summary>
public sealed record StoredValue(string Name, string? Text);

/// <summary>
/// A result JSON read back (what <see cref="ResultJson.Write(SessionResult)"/> wrote, now or in an earlier version):
/// the narrative, flags, values and proposed entries exactly as they were when the patient sent them. Readers of a
/// stored submission use this rather than walking the JSON, so the shape is known in one place. Fields missing from an
/// older result read as empty; a result that is not JSON at all is refused with <see cref="JsonException"/>.
/// </summary>
public sealed record StoredResult(
    string Questionnaire,
    string Version,
    string Summary,
    bool Complete,
    bool Stopped,
    IReadOnlyList<StoredFlag> Flags,
    IReadOnlyList<StoredValue> Values,
    IReadOnlyList<StoredEntry> Entries,
    PatientContext Patient)
{
    /// <summary>The highest level among the flags, or null when none was raised.</summary>
    public FlagLevel? HighestLevel => Flags.Select(f => f.Level).Max();

    /// <summary>A named value as a number, or null when it is missing, unknown or not a number.</summary>
    public decimal? Number(string name) =>
        Values.FirstOrDefault(v => v.Name == name)?.Text is { } text
        && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static StoredResult Read(string resultJson)
    {
        using var doc = JsonDocument.Parse(resultJson);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("A stored result is a JSON object.");
        var flags = Array(root, "flags").Select(f => new StoredFlag(Text(f, "rule") ?? "", FlagLevels.Parse(Text(f, "level")),
            Text(f, "patient") ?? "", Text(f, "clinician") ?? "", Text(f, "source") ?? "")).ToList();
        var values = root.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Select(p => new StoredValue(p.Name, Scalar(p.Value))).ToList()
            : [];
        var problems = new List<string>();
        var patient = root.TryGetProperty("patient", out var p) ? PatientContext.FromJson(p, problems) : PatientContext.None;
        return new StoredResult(Text(root, "questionnaire") ?? "", Text(root, "version") ?? "", Text(root, "summary") ?? "",
            Bool(root, "complete"), Bool(root, "stopped"), flags, values,
            [.. Array(root, "entries").Select(Entry)], problems.Count == 0 ? patient : PatientContext.None);
    }

    private static StoredEntry Entry(JsonElement e, int index)
    {
        var value = e.TryGetProperty("value", out var v) ? v : default;
        var kind = value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => StoredValueKind.None,
            JsonValueKind.True or JsonValueKind.False => StoredValueKind.Boolean,
            JsonValueKind.Number => StoredValueKind.Number,
            _ => StoredValueKind.Text,
        };
        var entry = new StoredEntry(index, Text(e, "system") ?? "", Text(e, "code") ?? "", Text(e, "display") ?? "",
            kind, Scalar(value), Text(e, "unit"))
        {
            Range = Decimal(e, "min") is { } min && Decimal(e, "max") is { } max ? new EntryRange(min, max, Bool(e, "whole")) : null,
            Panel = e.TryGetProperty("panel", out var panel) && panel.ValueKind == JsonValueKind.Object ? Coding(panel) : null,
            Taken = DateOnly.TryParseExact(Text(e, "taken"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var taken)
                ? taken : null,
        };
        var codings = Array(e, "codings").Select(Coding).ToList();
        // The primary coding is the entry's own system, code and display: a codings list that does not start with it is not used.
        return codings.Count > 0 && codings[0] == new EntryCoding(entry.System, entry.Code, entry.Display)
            ? entry with { Codings = codings }
            : entry;
    }

    private static EntryCoding Coding(JsonElement c) => new(Text(c, "system") ?? "", Text(c, "code") ?? "", Text(c, "display") ?? "");

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var b) && b.ValueKind == JsonValueKind.True;

    private static decimal? Decimal(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDecimal(out var d) ? d : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.Array => string.Join(", ", e.EnumerateArray().Select(x => Scalar(x) ?? "")),
        _ => e.GetRawText(),
    };
}
