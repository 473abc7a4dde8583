using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace HistoryEngine.Runtime;

/// <summary>One coding of a record value: a code in a code system, with its display.</summary>
public sealed record ContextCoding(string System, string Code, string? Display);

/// <summary>
/// One coded value from the patient's record, as the practice filed it: what an x-fhir-query Observation search in a
/// FHIR questionnaire is answered from (the patient's last home blood pressure average, say). A number has its unit
/// (UCUM); other values are text. <see cref="Effective"/> is when it was measured or filed, UK wall-clock time.
/// </summary>
public sealed record ContextObservation(ImmutableArray<ContextCoding> Codings, decimal? Number, string? Unit, string? Text,
    DateTime Effective)
{
    /// <summary>An observation with one coding.</summary>
    public ContextObservation(string system, string code, string? display, decimal? number, string? unit, string? text, DateTime effective)
        : this([new ContextCoding(system, code, display)], number, unit, text, effective) { }

    /// <summary>
    /// When the reading was filed, to order readings of the same day (the later filed first): two diaries whose last
    /// readings fall on one day must not give the systolic of one and the diastolic of the other. The entries of one
    /// submission (and their corrections) share it. Null when unknown: such readings keep the order they are given in.
    /// </summary>
    public DateTime? Filed { get; init; }

    /// <summary>Reads <c>[{"system": ..., "code": ..., "value": 142, "unit": "mm[Hg]", "date": "2026-03-01"}, ...]</c>.</summary>
    internal static ImmutableArray<ContextObservation> ListFromJson(JsonElement json, ICollection<string> problems)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            problems.Add("the patient's observations must be a list such as [{\"system\": \"http://loinc.org\", \"code\": \"8480-6\", \"value\": 142, \"unit\": \"mm[Hg]\", \"date\": \"2026-03-01\"}]");
            return [];
        }
        var list = ImmutableArray.CreateBuilder<ContextObservation>();
        var index = 0;
        foreach (var o in json.EnumerateArray())
        {
            index++;
            string? Text(string key) => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var system = Text("system");
            var code = Text("code");
            var date = Text("date");
            DateTime effective = default;
            var dated = date is not null && (DateTime.TryParseExact(date, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out effective));
            if (system is null || code is null || !dated)
            {
                problems.Add($"observation {index} needs a \"system\", a \"code\" and a \"date\" (ISO-8601, UK wall-clock time)");
                continue;
            }
            decimal? number = null;
            string? text = null;
            if (o.TryGetProperty("value", out var value))
            {
                if (value.ValueKind == JsonValueKind.Number) number = value.GetDecimal();
                else if (value.ValueKind == JsonValueKind.String) text = value.GetString();
            }
            DateTime? filed = null;
            if (Text("filed") is { } filedText)
            {
                if (DateTime.TryParseExact(filedText, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"],
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var f)) filed = f;
                else problems.Add($"observation {index}'s \"filed\" must be ISO-8601 (UK wall-clock time), such as 2026-03-08T09:30");
            }
            list.Add(new ContextObservation(system, code, Text("display"), number, Text("unit"), text, effective) { Filed = filed });
        }
        return list.ToImmutable();
    }
}
