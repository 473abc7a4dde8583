using System.Globalization;
using System.Text.Json;

namespace HistoryEngine.Definitions.Yaml;

/// <summary>Turns YAML answers (in scenario files) into the same JSON the CLI and the API take.</summary>
internal static class YamlJson
{
    /// <summary>
    /// The node as JSON. With <paramref name="spans"/>, also where each key was written, by the answer path it names
    /// (<c>fever</c>, <c>readings[0].systolic</c>), so a scenario can point at the answer that did not register.
    /// </summary>
    public static JsonElement ToJson(YNode node, IDictionary<string, Diagnostics.SourceSpan>? spans = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) Write(w, node, "", spans);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter w, YNode node, string path, IDictionary<string, Diagnostics.SourceSpan>? spans)
    {
        switch (node)
        {
            case YMapping map:
                w.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    var at = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                    spans?.TryAdd(at, key.Span);
                    w.WritePropertyName(key.Value);
                    Write(w, value, at, spans);
                }
                w.WriteEndObject();
                break;
            case YSequence seq:
                w.WriteStartArray();
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    spans?.TryAdd($"{path}[{i}]", seq.Items[i].Span);
                    Write(w, seq.Items[i], $"{path}[{i}]", spans);
                }
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
