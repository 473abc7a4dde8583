using System.Text.Json;
using HistoryEngine.Expressions;

namespace HistoryEngine.Runtime;

/// <summary>Writes run-time values as JSON: numbers as numbers, dates as ISO-8601 strings, code sets as arrays.</summary>
internal static class JsonValues
{
    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (Values.ToPlain(value))
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case decimal d: w.WriteNumberValue(d); break;
            case int i: w.WriteNumberValue(i); break;
            case string[] codes:
                w.WriteStartArray();
                foreach (var c in codes) w.WriteStringValue(c);
                w.WriteEndArray();
                break;
            case var other: w.WriteStringValue(other.ToString()); break;
        }
    }
}
