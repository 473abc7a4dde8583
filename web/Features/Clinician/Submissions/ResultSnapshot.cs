using System.Globalization;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Submissions;

/// <summary>A flag as frozen in the submission: its level, the rule's words for the clinician, and its source.</summary>
public sealed record FlagView(string Rule, FlagLevel Level, string Clinician, string Source);

/// <summary>A record entry the questionnaire proposed, by its position in the result (the form names it by index,
/// never by code, so a form cannot make up an entry).</summary>
public sealed record ProposedEntryView(int Index, string System, string Code, string Display, JsonValueKind Kind, string? Value, string? Unit)
{
    /// <summary>Every coding of the entry, the primary first: a result stored before entries had codings has just the primary.</summary>
    public RecordCodings Codings { get; init; } = new([new RecordCoding(System, Code, Display)]);
    /// <summary>What may be filed, from the questionnaire file; null for a result stored before entries had a range.</summary>
    public HistoryEngine.Runtime.EntryRange? Range { get; init; }
}

/// <summary>A named calculated value; <see cref="Text"/> is null when it could not be worked out.</summary>
public sealed record ValueView(string Name, string? Text);

/// <summary>
/// The result JSON frozen in a submission, read back: narrative, flags, values and proposed entries exactly as they
/// were when the patient sent it (what the patient was told, and what the clinician files from).
/// </summary>
public sealed record ResultSnapshot(
    string Summary,
    bool Complete,
    bool Stopped,
    IReadOnlyList<FlagView> Flags,
    IReadOnlyList<ValueView> Values,
    IReadOnlyList<ProposedEntryView> Entries)
{
    public static ResultSnapshot Parse(string resultJson)
    {
        using var doc = JsonDocument.Parse(resultJson);
        var root = doc.RootElement;
        var flags = Array(root, "flags").Select(f => new FlagView(
            Text(f, "rule") ?? "", StoredFlagLevel.Parse(Text(f, "level")), Text(f, "clinician") ?? "", Text(f, "source") ?? "")).ToList();
        var values = root.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Select(p => new ValueView(p.Name, Scalar(p.Value))).ToList()
            : [];
        var entries = Array(root, "entries").Select((e, i) => Entry(i, e)).ToList();
        return new ResultSnapshot(Text(root, "summary") ?? "",
            root.TryGetProperty("complete", out var c) && c.ValueKind == JsonValueKind.True,
            root.TryGetProperty("stopped", out var s) && s.ValueKind == JsonValueKind.True,
            flags, values, entries);
    }

    private static ProposedEntryView Entry(int index, JsonElement e)
    {
        var entry = new ProposedEntryView(index, Text(e, "system") ?? "", Text(e, "code") ?? "", Text(e, "display") ?? "",
            e.TryGetProperty("value", out var value) ? value.ValueKind : JsonValueKind.Null,
            e.TryGetProperty("value", out value) ? Scalar(value) : null, Text(e, "unit"))
        {
            Range = Decimal(e, "min") is { } min && Decimal(e, "max") is { } max
                ? new HistoryEngine.Runtime.EntryRange(min, max, e.TryGetProperty("whole", out var whole) && whole.ValueKind == JsonValueKind.True)
                : null,
        };
        var codings = Array(e, "codings").Select(c => new RecordCoding(Text(c, "system") ?? "", Text(c, "code") ?? "", Text(c, "display") ?? "")).ToList();
        // The primary coding is the entry's own system, code and display: a codings list that does not start with it is not used.
        return codings.Count > 0 && codings[0] == new RecordCoding(entry.System, entry.Code, entry.Display)
            ? entry with { Codings = new RecordCodings(codings) }
            : entry;
    }

    /// <summary>The value of a named calculated value as a number, or null.</summary>
    public decimal? Number(string name) =>
        Values.FirstOrDefault(v => v.Name == name)?.Text is { } text
        && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];

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
