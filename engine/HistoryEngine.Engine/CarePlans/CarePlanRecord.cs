using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.CarePlans;

/// <summary>
/// What a care plan reads: the patient's date of birth and sex, the entries filed in their record (code, value, date)
/// and the questionnaires they sent (with the highest flag each raised). Immutable.
/// </summary>
public sealed record CarePlanRecord(PatientContext Context)
{
    /// <summary>The day the file gives (<c>today</c>), if any: the CLI evaluates the plan on it.</summary>
    public DateOnly? Today { get; init; }

    private static readonly string[] Keys = ["today", "patient", "entries", "submissions"];

    /// <summary>
    /// Reads <c>{"today": "2026-06-01", "patient": {"date_of_birth": ...}, "entries": [{"system": ..., "code": ...,
    /// "value": 142, "date": "2026-03-01"}], "submissions": [{"questionnaire": "home-bp-diary", "date": ...,
    /// "highest_flag": "urgent"}]}</c>. An entry may name a code the plan declares instead of giving its system
    /// (<c>{"code": "hba1c", ...}</c>). Each problem is added to <paramref name="problems"/>.
    /// </summary>
    public static CarePlanRecord FromJson(JsonElement json, CarePlanDefinition? plan, ICollection<string> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add("the record must be an object with \"today\", \"patient\", \"entries\" and \"submissions\"");
            return new CarePlanRecord(PatientContext.None);
        }
        foreach (var p in json.EnumerateObject())
            if (!Keys.Contains(p.Name))
                problems.Add($"the record has no '{p.Name}' (it takes {string.Join(", ", Keys)})");
        var context = json.TryGetProperty("patient", out var patient) ? PatientContext.FromJson(patient, problems) : PatientContext.None;
        if (json.TryGetProperty("entries", out var entries))
            context = context with { Observations = ContextObservation.ListFromJson(Named(entries, plan, problems), problems) };
        if (json.TryGetProperty("submissions", out var submissions))
            context = context with { Submissions = Submissions(submissions, problems) };
        DateOnly? today = null;
        if (json.TryGetProperty("today", out var t))
        {
            if (t.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(t.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                today = day;
            else problems.Add($"\"today\" must be an ISO-8601 date such as 2026-06-01, not {t.GetRawText()}");
        }
        return new CarePlanRecord(context) { Today = today };
    }

    /// <summary>Reads a record file, JSON or YAML (by its extension); null with the reasons in <paramref name="problems"/> when it cannot be read.</summary>
    public static CarePlanRecord? Load(string path, CarePlanDefinition? plan, ICollection<string> problems)
    {
        var bag = new Diagnostics.DiagnosticBag();
        var text = QuestionnaireLoader.ReadText(path, Diagnostics.SourceSpan.None, bag);
        JsonElement json;
        if (text is not null && (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
        {
            var root = Definitions.Yaml.YamlReader.Read(path, text, bag);
            if (root is null)
            {
                foreach (var d in bag.Items) problems.Add(d.ToString());
                return null;
            }
            json = Definitions.Yaml.YamlJson.ToJson(root);
        }
        else if (text is not null)
        {
            try
            {
                using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
                json = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
                problems.Add($"the record is not valid JSON{where}: {e.Message.Split(" Path:")[0]}");
                return null;
            }
        }
        else
        {
            foreach (var d in bag.Items) problems.Add(d.Message);
            return null;
        }
        return FromJson(json, plan, problems);
    }

    /// <summary>Entries that name a declared code without a system get the code's system and code.</summary>
    private static JsonElement Named(JsonElement entries, CarePlanDefinition? plan, ICollection<string> problems)
    {
        if (entries.ValueKind != JsonValueKind.Array || plan is null) return entries;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            var index = 0;
            foreach (var e in entries.EnumerateArray())
            {
                index++;
                if (e.ValueKind == JsonValueKind.Object && !e.TryGetProperty("system", out _) && e.TryGetProperty("code", out var code)
                    && code.ValueKind == JsonValueKind.String)
                {
                    var declared = plan.Codes.FirstOrDefault(c => c.Name == code.GetString());
                    if (declared is null)
                        problems.Add($"entry {index}: '{code.GetString()}' is not a code the plan declares; give \"system\" and \"code\", or one of {string.Join(", ", plan.Codes.Select(c => c.Name))}");
                    w.WriteStartObject();
                    foreach (var p in e.EnumerateObject())
                    {
                        if (p.Name == "code" && declared is not null)
                        {
                            w.WriteString("system", declared.System);
                            w.WriteString("code", declared.Code);
                        }
                        else p.WriteTo(w);
                    }
                    w.WriteEndObject();
                }
                else e.WriteTo(w);
            }
            w.WriteEndArray();
        }
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static ImmutableArray<ContextSubmission> Submissions(JsonElement json, ICollection<string> problems)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"submissions\" must be a list such as [{\"questionnaire\": \"home-bp-diary\", \"date\": \"2026-03-08\", \"highest_flag\": \"urgent\"}]");
            return [];
        }
        var list = ImmutableArray.CreateBuilder<ContextSubmission>();
        var index = 0;
        foreach (var s in json.EnumerateArray())
        {
            index++;
            string? Text(string key) => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var questionnaire = Text("questionnaire");
            var date = Text("date");
            if (questionnaire is null || date is null || IsoTime.ParseLocal(date.Length == 10 ? date + "T00:00" : date, out _) is not { } sent)
            {
                problems.Add($"submission {index} needs a \"questionnaire\" and a \"date\" (ISO-8601, UK wall-clock time)");
                continue;
            }
            FlagLevel? highest = null;
            if (Text("highest_flag") is { } level)
            {
                highest = FlagLevels.Parse(level);
                if (highest is null) problems.Add($"submission {index}: '{level}' is not a flag level; use emergency, urgent, soon or routine");
            }
            list.Add(new ContextSubmission(questionnaire, sent, highest));
        }
        return list.ToImmutable();
    }
}
