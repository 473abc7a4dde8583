using System.Globalization;
using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Runtime;

/// <summary>
/// Turns an answer as given (JSON, form text, or a .NET value) into the item's value type and checks it against
/// the item's own limits. A value of the wrong type is refused (nothing stored); a well-typed value that breaks a
/// limit is kept, so the patient sees what they wrote, but counts nowhere until corrected.
/// </summary>
internal static class AnswerConverter
{
    public const int MaxTextLength = 100_000;
    private static readonly DateTime Earliest = new(1900, 1, 1);
    private static readonly DateTime Latest = new(2200, 1, 1);

    public readonly record struct Converted(object? Value, bool Stored, DiagnosticDescriptor? Code, string? Message);

    private static Converted Refuse(DiagnosticDescriptor code, string message) => new(null, false, code, message);
    private static Converted Ok(object? value) => new(value, true, null, null);
    private static Converted Invalid(object value, DiagnosticDescriptor code, string message) => new(value, true, code, message);

    public static Converted Convert(ItemSymbol item, object? input)
    {
        if (input is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }) input = null;
        // An empty string is no answer, whether it comes from a form field or from answers JSON.
        if (input is string { Length: 0 } or JsonElement { ValueKind: JsonValueKind.String } && AsString(input) is { Length: 0 }
            && item.ItemType != ItemType.MultipleChoice) input = null;
        if (input is null) return Ok(null);
        var def = item.Definition;
        return item.ItemType switch
        {
            ItemType.Boolean => Boolean(input),
            ItemType.Integer or ItemType.Decimal => Number(def, input),
            ItemType.Text or ItemType.LongText => Text(def, input),
            ItemType.Choice => Choice(item, input),
            ItemType.MultipleChoice => Multiple(item, input),
            ItemType.Date => Date(input),
            ItemType.DateTime => DateTimeValue(input),
            _ => Refuse(Codes.AnswerNotAQuestion, "This is not a question, so it cannot be answered"),
        };
    }

    private static Converted Boolean(object input) => input switch
    {
        bool b => Ok(b),
        JsonElement { ValueKind: JsonValueKind.True } => Ok(true),
        JsonElement { ValueKind: JsonValueKind.False } => Ok(false),
        string s when s is "true" or "yes" => Ok(true),
        string s when s is "false" or "no" => Ok(false),
        _ => Refuse(Codes.AnswerWrongType, "Select yes or no"),
    };

    private static Converted Number(ItemDefinition def, object input)
    {
        decimal? value = input switch
        {
            decimal d => d,
            int i => i,
            long l => l,
            double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => (decimal)d,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
            string s when decimal.TryParse(s.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        var whole = def.Type == ItemType.Integer;
        if (value is not { } v) return Refuse(Codes.AnswerWrongType, whole ? "Enter a whole number, like 120" : "Enter a number, like 37.5");
        v /= 1.0000000000000000000000000000m;
        if (whole && v != decimal.Truncate(v)) return Refuse(Codes.AnswerWrongType, "Enter a whole number, without a decimal point");
        var unit = def.Unit is null ? "" : " " + def.Unit;
        if (def.Min is { } min && v < min)
            return Invalid(v, Codes.AnswerBelowMin, def.Max is { } m1 ? $"Enter a number between {Fmt(min)} and {Fmt(m1)}{unit}" : $"Enter a number of {Fmt(min)}{unit} or more");
        if (def.Max is { } max && v > max)
            return Invalid(v, Codes.AnswerAboveMax, def.Min is { } m2 ? $"Enter a number between {Fmt(m2)} and {Fmt(max)}{unit}" : $"Enter a number of {Fmt(max)}{unit} or less");
        if (def.DecimalPlaces is { } places && v.Scale > places)
            return Invalid(v, Codes.AnswerTooPrecise, places == 0 ? "Enter a whole number" : $"Enter a number with up to {places} decimal place{(places == 1 ? "" : "s")}");
        return Ok(v);
    }

    private static string Fmt(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static Converted Text(ItemDefinition def, object input)
    {
        var text = input switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        };
        if (text is null) return Refuse(Codes.AnswerWrongType, "Enter your answer as text");
        var limit = def.MaxLength ?? MaxTextLength;
        var length = Length(text);
        if (length > limit)
            return Invalid(text, Codes.AnswerTooLong,
                $"Your answer must be {limit} characters or fewer. You have {length - limit} character{(length - limit == 1 ? "" : "s")} too many");
        return Ok(text);
    }

    /// <summary>
    /// A text's length as the patient's browser counts it, so that the page's character count and this limit always
    /// agree: UTF-16 code units (JavaScript's <c>string.length</c>, which the NHS.UK character count reads), with a
    /// line break counted once, as a text box counts it, though a form posts it as two characters (CR LF).
    /// </summary>
    public static int Length(string text)
    {
        var length = text.Length;
        for (var i = text.IndexOf("\r\n", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\r\n", i + 2, StringComparison.Ordinal))
            length--;
        return length;
    }

    private static Converted Choice(ItemSymbol item, object input)
    {
        var code = input switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        };
        if (code is null) return Refuse(Codes.AnswerWrongType, "Select an answer");
        return item.OptionsByCode.ContainsKey(code) ? Ok(code) : Refuse(Codes.AnswerUnknownOption, "Select one of the answers shown");
    }

    private static Converted Multiple(ItemSymbol item, object input)
    {
        List<string>? codes = input switch
        {
            string s => [s],
            IEnumerable<string> list => [.. list],
            JsonElement { ValueKind: JsonValueKind.Array } e when e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
                [.. e.EnumerateArray().Select(x => x.GetString()!)],
            JsonElement { ValueKind: JsonValueKind.String } e => [e.GetString()!],
            _ => null,
        };
        if (codes is null) return Refuse(Codes.AnswerWrongType, "Select all that apply");
        if (codes.Any(c => !item.OptionsByCode.ContainsKey(c))) return Refuse(Codes.AnswerUnknownOption, "Select from the answers shown");
        // Keep the options' own order, without repeats, so equal answers compare equal.
        var set = item.Definition.Options.Select(o => o.Code).Where(codes.Contains).ToArray();
        var exclusive = item.Definition.Options.FirstOrDefault(o => o.Exclusive && set.Contains(o.Code));
        if (exclusive is not null && set.Length > 1)
            return Invalid(set, Codes.AnswerExclusive, $"Select \"{exclusive.Display}\" on its own, or select all that apply");
        return Ok(set);
    }

    private static Converted Date(object input)
    {
        switch (input)
        {
            case DateOnly d: return InRange(d.ToDateTime(TimeOnly.MinValue)) ? Ok(d) : OutOfRange();
            case DateTime t: return InRange(t) ? Ok(DateOnly.FromDateTime(t)) : OutOfRange();
        }
        var s = AsString(input);
        if (s is not null && DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return InRange(date.ToDateTime(TimeOnly.MinValue)) ? Ok(date) : OutOfRange();
        return Refuse(Codes.AnswerWrongType, "Enter a real date, for example 2026-03-01");
    }

    private static Converted DateTimeValue(object input)
    {
        if (input is DateTime t) return InRange(t) ? Ok(DateTime.SpecifyKind(t, DateTimeKind.Unspecified)) : OutOfRange();
        var s = AsString(input)?.Trim();
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        if (s is not null && DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return InRange(local) ? Ok(local) : OutOfRange();
        // With an offset: keep the wall-clock time the patient saw.
        if (s is not null && DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            return InRange(withOffset.DateTime) ? Ok(withOffset.DateTime) : OutOfRange();
        return Refuse(Codes.AnswerWrongType, "Enter a real date and time, for example 2026-03-01T07:30");
    }

    private static bool InRange(DateTime t) => t >= Earliest && t < Latest;
    private static Converted OutOfRange() => Refuse(Codes.AnswerWrongType, "Enter a date between 1900 and 2199");

    private static string? AsString(object input) => input switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };
}
