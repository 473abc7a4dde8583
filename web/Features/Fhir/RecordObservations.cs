using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Fhir;

/// <summary>
/// Filed record entries as FHIR R4 Observations in a searchset Bundle: code as filed (every coding, the primary first), the value
/// as a UCUM Quantity when it is a number, issued when it was filed, derived from the submission's
/// QuestionnaireResponse; a correction has status "corrected" (the entry it replaced is no longer current and is not
/// listed).
/// </summary>
public static class RecordObservations
{
    private const string Ucum = "http://unitsofmeasure.org";
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string SearchBundle(IReadOnlyList<RecordEntry> entries, DateTimeOffset now)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("resourceType", "Bundle");
            w.WriteString("type", "searchset");
            w.WriteString("timestamp", Time(now));
            w.WriteNumber("total", entries.Count);
            w.WriteStartArray("entry");
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("fullUrl", "Observation/" + e.Id);
                w.WritePropertyName("resource");
                Observation(w, e);
                w.WriteStartObject("search");
                w.WriteString("mode", "match");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Observation(Utf8JsonWriter w, RecordEntry e)
    {
        w.WriteStartObject();
        w.WriteString("resourceType", "Observation");
        w.WriteString("id", e.Id);
        w.WriteString("status", e.SupersedesId is null ? "final" : "corrected");
        w.WriteStartObject("code");
        w.WriteStartArray("coding");
        foreach (var c in e.Codings)
        {
            w.WriteStartObject();
            w.WriteString("system", c.System);
            w.WriteString("code", c.Code);
            w.WriteString("display", c.Display);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("text", e.Display);
        w.WriteEndObject();
        w.WriteStartObject("subject");
        w.WriteString("reference", "Patient/" + e.PatientId);
        w.WriteEndObject();
        w.WriteString("issued", Time(e.FiledAt));
        if (decimal.TryParse(e.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            w.WriteStartObject("valueQuantity");
            w.WriteNumber("value", number);
            if (e.Unit is { } unit)
            {
                w.WriteString("unit", unit);
                w.WriteString("system", Ucum);
                w.WriteString("code", unit);
            }
            w.WriteEndObject();
        }
        else if (e.Value is "true" or "false")
            w.WriteBoolean("valueBoolean", e.Value == "true");
        else if (e.Value is { } text)
            w.WriteString("valueString", text);
        if (e.SubmissionId is { } submission)
        {
            w.WriteStartArray("derivedFrom");
            w.WriteStartObject();
            w.WriteString("reference", "QuestionnaireResponse/" + submission);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
