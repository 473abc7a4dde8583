using System.Globalization;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions.Yaml;

/// <summary>
/// Typed access to the keys of one YAML mapping. Any key not in the allowed list is an error, with a suggestion
/// when it is close to an allowed one, so a typo such as <c>requird</c> is never silently ignored.
/// </summary>
internal sealed class CheckedMapping
{
    private readonly YMapping _map;
    private readonly string _what;
    private readonly DiagnosticBag _diagnostics;

    public CheckedMapping(YNode node, string what, IReadOnlyCollection<string> allowed, DiagnosticBag diagnostics)
    {
        _what = what;
        _diagnostics = diagnostics;
        if (node is YMapping map) _map = map;
        else
        {
            IsMapping = false;
            diagnostics.Report(node.Span, Codes.WrongNodeKind, what, "a mapping of keys to values", node.KindName);
            _map = new YMapping(node.Span, []);
        }
        for (var i = 0; i < _map.Entries.Count; i++)
        {
            var key = _map.Entries[i].Key;
            if (allowed.Contains(key.Value)) continue;
            if (CommaInText(i) is { } text)
            {
                // "{display: Under your ribs, left}": one mistake, however many commas the text has.
                diagnostics.Report(key.Span, Codes.UnknownKey, key.Value, what,
                    $"; a comma inside {{ }} starts a new key, so put the whole text in quotes: {text}");
                while (i + 1 < _map.Entries.Count && IsBareWord(i + 1)) i++;
                continue;
            }
            var near = Suggestions.Nearest(key.Value, allowed);
            diagnostics.Report(key.Span, Codes.UnknownKey, key.Value, what, near is null ? "" : $"; did you mean '{near}'?");
        }
    }

    private bool IsBareWord(int i) => _map.Flow && _map.Entries[i].Value is YScalar { Value: "", Plain: true };

    /// <summary>For a bare word after a value in braces, the value and the words after it as they were meant: <c>display: "Under your ribs, left"</c>.</summary>
    private string? CommaInText(int i)
    {
        if (!IsBareWord(i) || i == 0) return null;
        var owner = i - 1;
        while (owner > 0 && IsBareWord(owner)) owner--;
        if (_map.Entries[owner].Value is not YScalar { Value.Length: > 0 } value || IsBareWord(owner)) return null;
        var words = _map.Entries.Skip(owner + 1).TakeWhile((_, n) => IsBareWord(owner + 1 + n)).Select(e => e.Key.Value);
        var whole = string.Join(", ", words.Prepend(value.Value)).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"{_map.Entries[owner].Key.Value}: \"{whole}\"";
    }

    /// <summary>False when the node was not a mapping (already reported): the caller should skip it, not report each missing key.</summary>
    public bool IsMapping { get; } = true;

    public SourceSpan Span => _map.Span;
    public bool Has(string key) => _map[key] is not null;
    public YNode? Node(string key) => _map[key];
    public SourceSpan KeySpan(string key) => _map.Entries.FirstOrDefault(e => e.Key.Value == key).Key?.Span ?? _map.Span;

    /// <summary>Where the value of <paramref name="key"/> is written; the mapping's position when the key is absent.</summary>
    public SourceSpan ValueSpan(string key) => _map[key]?.Span ?? _map.Span;

    public YScalar? Scalar(string key)
    {
        var node = _map[key];
        if (node is null or YScalar) return (YScalar?)node;
        _diagnostics.Report(node.Span, Codes.WrongNodeKind, key, "a single value", node.KindName);
        return null;
    }

    public string? String(string key) => Scalar(key)?.Value;

    public string RequiredString(string key)
    {
        var value = String(key);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!Has(key)) _diagnostics.Report(_map.Span, Codes.MissingKey, _what, key);
            else _diagnostics.Report(KeySpan(key), Codes.InvalidValue, value ?? "", key, "some text");
            return "";
        }
        return value;
    }

    public bool Bool(string key, bool fallback = false)
    {
        var s = Scalar(key);
        if (s is null) return fallback;
        switch (s.Value)
        {
            case "true" or "yes" when s.Plain: return true;
            case "false" or "no" when s.Plain: return false;
            default:
                _diagnostics.Report(s.Span, Codes.InvalidValue, s.Value, key, "true or false");
                return fallback;
        }
    }

    public decimal? Number(string key)
    {
        var s = Scalar(key);
        if (s is null) return null;
        if (decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && s.Plain) return d;
        _diagnostics.Report(s.Span, Codes.InvalidValue, s.Value, key, "a number");
        return null;
    }

    public int? Int(string key, int min = 0)
    {
        var s = Scalar(key);
        if (s is null) return null;
        if (int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= min && s.Plain) return i;
        _diagnostics.Report(s.Span, Codes.InvalidValue, s.Value, key, $"a whole number of at least {min}");
        return null;
    }

    public IReadOnlyList<YNode> List(string key)
    {
        var node = _map[key];
        switch (node)
        {
            case null: return [];
            case YSequence seq: return seq.Items;
            case YScalar { Value: "", Plain: true }: return [];
            default:
                _diagnostics.Report(node.Span, Codes.WrongNodeKind, key, "a list", node.KindName);
                return [];
        }
    }

    public ExpressionSource? Expression(string key)
    {
        var s = Scalar(key);
        return s is null ? null : new ExpressionSource(s.Value, s.ContentStart);
    }

    public TemplateSource? Template(string key)
    {
        var s = Scalar(key);
        return s is null ? null : new TemplateSource(s.Value, s.ContentStart);
    }

    public T? Enum<T>(string key, IReadOnlyDictionary<string, T> names) where T : struct
    {
        var s = Scalar(key);
        if (s is null) return null;
        if (names.TryGetValue(s.Value, out var v)) return v;
        _diagnostics.Report(s.Span, Codes.InvalidValue, s.Value, key, "one of " + string.Join(", ", names.Keys));
        return null;
    }
}
