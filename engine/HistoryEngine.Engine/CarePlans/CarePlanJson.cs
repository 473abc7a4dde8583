using System.Globalization;
using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.CarePlans;

/// <summary>The JSON of a care plan's state, as <c>historyengine run</c> prints it (docs/format.md, "Care plans"). Fields may be added, none removed.</summary>
public static class CarePlanJson
{
    public static string Write(CarePlanState s)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, s);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void DayOrNull(Utf8JsonWriter w, string name, DateOnly? d)
    {
        if (d is { } day) w.WriteString(name, Day(day));
        else w.WriteNull(name);
    }

    private static void NumberOrNull(Utf8JsonWriter w, string name, decimal? n)
    {
        if (n is { } x) w.WriteNumber(name, x);
        else w.WriteNull(name);
    }

    public static void Write(Utf8JsonWriter w, CarePlanState s)
    {
        w.WriteStartObject();
        w.WriteString("plan", s.Plan);
        w.WriteString("version", s.Version);
        w.WriteString("title", s.Title);
        w.WriteString("today", Day(s.Today));
        w.WriteBoolean("active", s.Active);
        DayOrNull(w, "start", s.Start);
        w.WriteStartArray("steps");
        foreach (var step in s.Steps)
        {
            w.WriteStartObject();
            w.WriteString("id", step.Id);
            w.WriteString("title", step.Title);
            w.WriteString("status", step.Done ? "done" : "to-do");
            w.WriteString("about", step.About);
            w.WriteString("source", step.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("steps_done");
        foreach (var step in s.Steps.Where(x => x.Done)) w.WriteStringValue(step.Id);
        w.WriteEndArray();
        w.WriteStartArray("steps_todo");
        foreach (var step in s.Steps.Where(x => !x.Done)) w.WriteStringValue(step.Id);
        w.WriteEndArray();
        if (s.Target is { } t)
        {
            w.WriteStartObject("target");
            NumberOrNull(w, "systolic", t.Systolic);
            NumberOrNull(w, "diastolic", t.Diastolic);
            w.WriteString("text", t.Text);
            w.WriteString("source", t.Source);
            w.WriteEndObject();
        }
        else w.WriteNull("target");
        if (s.Diary is { } d)
        {
            w.WriteStartObject("diary");
            w.WriteString("questionnaire", d.Questionnaire);
            NumberOrNull(w, "interval_weeks", d.IntervalWeeks);
            DayOrNull(w, "next_due", d.NextDue);
            w.WriteBoolean("due_now", d.DueNow);
            if (d.LastAboveTarget is { } above) w.WriteBoolean("last_above_target", above);
            else w.WriteNull("last_above_target");
            w.WriteStartArray("averages");
            foreach (var a in d.Averages)
            {
                w.WriteStartObject();
                w.WriteString("date", Day(a.Date));
                w.WriteNumber("systolic", a.Systolic);
                w.WriteNumber("diastolic", a.Diastolic);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("source", d.Source);
            w.WriteEndObject();
        }
        else w.WriteNull("diary");
        if (s.Review is { } r)
        {
            w.WriteStartObject("review");
            w.WriteString("questionnaire", r.Questionnaire);
            DayOrNull(w, "due", r.Due);
            w.WriteString("status", r.Status);
            if (r.Assign is { } a)
            {
                w.WriteStartObject("assign");
                w.WriteString("questionnaire", a.Questionnaire);
                w.WriteString("due", Day(a.Due));
                w.WriteString("key", a.Key);
                w.WriteEndObject();
            }
            else w.WriteNull("assign");
            w.WriteString("source", r.Source);
            w.WriteEndObject();
        }
        else w.WriteNull("review");
        ResultJson.WriteFlags(w, s.Flags);
        w.WriteStartArray("messages");
        foreach (var m in s.Messages)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Id);
            w.WriteString("text", m.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("information");
        foreach (var p in s.Information)
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.WriteString("title", p.Title);
            w.WriteString("text", p.Text);
            w.WriteStartArray("red_flags");
            foreach (var rf in p.RedFlags)
            {
                w.WriteStartObject();
                w.WriteString("questionnaire", rf.Questionnaire);
                w.WriteString("rule", rf.Rule);
                w.WriteString("level", FlagLevels.Name(rf.Level));
                w.WriteString("text", rf.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("values");
        foreach (var (name, value) in s.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(name);
            JsonValues.Write(w, value);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
