using System.Text;
using System.Text.Json;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>A JSON value with the line and column where it starts, so every diagnostic can point into the file.</summary>
internal abstract class JNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;
    public abstract string Kind { get; }
}

internal sealed class JObject(SourceSpan span) : JNode(span)
{
    public List<JProperty> Properties { get; } = [];
    public override string Kind => "an object";
    public JNode? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;
    public JProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

/// <summary>A property, with the position of its name: that is where a diagnostic about the property points.</summary>
internal sealed record JProperty(string Name, SourceSpan Span, JNode Value);

internal sealed class JArray(SourceSpan span) : JNode(span)
{
    public List<JNode> Items { get; } = [];
    public override string Kind => "an array";
}

internal sealed class JValue(SourceSpan span, JsonValueKind valueKind, object? value, string raw) : JNode(span)
{
    public JsonValueKind ValueKind { get; } = valueKind;
    /// <summary>A string, a decimal, a bool, or null.</summary>
    public object? Value { get; } = value;
    /// <summary>The number as written (FHIR keeps decimal precision: 1.50 is not 1.5).</summary>
    public string Raw { get; } = raw;
    public override string Kind => ValueKind switch
    {
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };
    public string? AsString => Value as string;
}

/// <summary>
/// Reads JSON with <see cref="Utf8JsonReader"/> into a tree of <see cref="JNode"/>s, mapping each token's byte
/// offset to a 1-based line and column (counted in characters, so non-ASCII text does not shift columns).
/// Malformed JSON is one diagnostic at the place the reader stopped; it never throws.
/// </summary>
internal static class JsonTree
{
    public const int MaxDepth = 64;

    public static JNode? Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineMap(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                diagnostics.Report(new SourceSpan(path, 1, 1), Codes.EmptyDocument);
                return null;
            }
            var root = ReadValue(ref reader, path, lines);
            if (reader.Read())
            {
                diagnostics.Report(lines.At(path, (int)reader.TokenStartIndex), Codes.FhirJsonSyntax, "more than one JSON value in the file");
                return null;
            }
            return root;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            var message = e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.');
            diagnostics.Report(lines.AtLineByte(path, line, column), Codes.FhirJsonSyntax, message);
            return null;
        }
    }

    private static JNode ReadValue(ref Utf8JsonReader reader, string path, LineMap lines)
    {
        var span = lines.At(path, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JObject(span);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    var nameSpan = lines.At(path, (int)reader.TokenStartIndex);
                    reader.Read();
                    obj.Properties.Add(new JProperty(name, nameSpan, ReadValue(ref reader, path, lines)));
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new JArray(span);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) array.Items.Add(ReadValue(ref reader, path, lines));
                return array;
            case JsonTokenType.String:
                var s = reader.GetString();
                return new JValue(span, JsonValueKind.String, s, s ?? "");
            case JsonTokenType.Number:
                var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                return new JValue(span, JsonValueKind.Number, reader.TryGetDecimal(out var d) ? d : null, raw);
            case JsonTokenType.True: return new JValue(span, JsonValueKind.True, true, "true");
            case JsonTokenType.False: return new JValue(span, JsonValueKind.False, false, "false");
            default: return new JValue(span, JsonValueKind.Null, null, "null");
        }
    }

    /// <summary>Byte offsets of line starts, and character columns within a line.</summary>
    private sealed class LineMap
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = [0];

        public LineMap(byte[] bytes)
        {
            _bytes = bytes;
            for (var i = 0; i < bytes.Length; i++) if (bytes[i] == '\n') _starts.Add(i + 1);
        }

        public SourceSpan At(string path, int offset)
        {
            var line = _starts.BinarySearch(offset);
            if (line < 0) line = ~line - 1;
            return new SourceSpan(path, line + 1, Column(_starts[line], offset));
        }

        public SourceSpan AtLineByte(string path, int line, int byteColumn)
        {
            if (line < 1 || line > _starts.Count) return new SourceSpan(path, line, byteColumn);
            var start = _starts[line - 1];
            return new SourceSpan(path, line, Column(start, Math.Min(_bytes.Length, start + byteColumn - 1)));
        }

        // UTF-8 continuation bytes (10xxxxxx) do not start a character.
        private int Column(int start, int offset)
        {
            var column = 1;
            for (var i = start; i < offset && i < _bytes.Length; i++) if ((_bytes[i] & 0xC0) != 0x80) column++;
            return column;
        }
    }
}
