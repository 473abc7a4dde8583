using System.Text.Encodings.Web;
using System.Text.Json;

namespace HistoryEngine.Runtime;

/// <summary>Writes a <see cref="SessionResult"/> in the result-JSON shape of the architecture contract (fields may be added, none removed).</summary>
public static class ResultJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(SessionResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options)) Write(w, result);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, SessionResult r)
    {
        w.WriteStartObject();
        w.WriteString("questionnaire", r.Questionnaire);
        w.WriteString("version", r.Version);
        w.WriteString("hash", r.Hash);
        w.WriteBoolean("complete", r.Complete);
        w.WriteBoolean("stopped", r.Stopped);
        Strings(w, "enabled", r.Enabled);
        Strings(w, "missing", r.Missing);
        w.WriteStartArray("errors");
        foreach (var e in r.Errors)
        {
            w.WriteStartObject();
            w.WriteString("item", e.Item);
            w.WriteString("path", e.Path);
            w.WriteString("code", e.Code);
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("values");
        foreach (var (name, value) in r.Values)
        {
            w.WritePropertyName(name);
            JsonValues.Write(w, value);
        }
        w.WriteEndObject();
        WriteFlags(w, r.Flags);
        w.WriteStartArray("entries");
        foreach (var e in r.Entries)
        {
            w.WriteStartObject();
            w.WriteString("system", e.System);
            w.WriteString("code", e.Code);
            w.WriteString("display", e.Display);
            w.WritePropertyName("value");
            JsonValues.Write(w, e.Value);
            if (e.Unit is not null) w.WriteString("unit", e.Unit);
            // The day the value was taken, when the file says (added field: a result without it is dated by filing).
            if (e.Taken is { } taken) w.WriteString("taken", taken.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            // What a clinician may file, from the file (added fields: readers that do not know them are unaffected).
            if (e.Min is { } min) w.WriteNumber("min", min);
            if (e.Max is { } max) w.WriteNumber("max", max);
            if (e.Whole) w.WriteBoolean("whole", true);
            if (e.Panel is { } panel)
            {
                w.WriteStartObject("panel");
                w.WriteString("system", panel.System);
                w.WriteString("code", panel.Code);
                w.WriteString("display", panel.Display);
                w.WriteEndObject();
            }
            // Every coding of the entry, the primary (system, code, display above) first.
            w.WriteStartArray("codings");
            foreach (var c in e.Codings)
            {
                w.WriteStartObject();
                w.WriteString("system", c.System);
                w.WriteString("code", c.Code);
                w.WriteString("display", c.Display);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("progress");
        w.WriteNumber("answered", r.Progress.Answered);
        w.WriteNumber("total", r.Progress.Total);
        w.WriteEndObject();
        w.WriteString("summary", r.Summary);
        w.WritePropertyName("answers");
        w.WriteRawValue(r.AnswersJson);
        w.WritePropertyName("patient");
        r.Patient.WriteJson(w);
        w.WriteEndObject();
    }

    /// <summary>
    /// The patient's context a result was worked out with (its <c>patient</c> field), so that a stored submission is
    /// replayed with what it was answered with; none for a result written before the field existed, or not readable.
    /// </summary>
    public static PatientContext ReadPatient(string resultJson)
    {
        try
        {
            return StoredResult.Read(resultJson).Patient;
        }
        catch (JsonException)
        {
            return PatientContext.None;
        }
    }

    /// <summary>The <c>flags</c> array as results write it: rule, level, the words for the patient and the clinician,
    /// the source. Care plans' state JSON writes its flags the same way.</summary>
    internal static void WriteFlags(Utf8JsonWriter w, IEnumerable<Flag> flags)
    {
        w.WriteStartArray("flags");
        foreach (var f in flags)
        {
            w.WriteStartObject();
            w.WriteString("rule", f.Rule);
            w.WriteString("level", Definitions.FlagLevels.Name(f.Level));
            w.WriteString("patient", f.Patient);
            w.WriteString("clinician", f.Clinician);
            w.WriteString("source", f.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
