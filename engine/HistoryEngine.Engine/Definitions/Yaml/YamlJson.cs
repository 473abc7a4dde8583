using System.Globalization;
using System.Text.Json;

namespace HistoryEngine.Definitions.Yaml;

/// <summary>Turns YAML answers (in scenario files) into the same JSON the CLI and the API take.</summary>
internal static class YamlJson
{
    public static JsonElement ToJson(YNode node)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) Write(w, node);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter w, YNode node)
    {
        switch (node)
        {
            case YMapping map:
                w.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    w.WritePropertyName(key.Value);
                    Write(w, value);
                }
                w.WriteEndObject();
                break;
            case YSequence seq:
                w.WriteStartArray();
                foreach (var item in seq.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case YScalar { Plain: true, Value: "null" or "~" or "" }:
                w.WriteNullValue();
                break;
            case YScalar { Plain: true, Value: "true" or "false" } b:
                w.WriteBooleanValue(b.Value == "true");
                break;
            case YScalar { Plain: true } n when decimal.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                w.WriteNumberValue(d);
                break;
            case YScalar s:
                w.WriteStringValue(s.Value);
                break;
        }
    }
}
