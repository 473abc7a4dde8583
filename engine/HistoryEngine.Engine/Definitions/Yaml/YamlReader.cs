using HistoryEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HistoryEngine.Definitions.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YNode"/>s, keeping each node's position. It reads parser events with an explicit
/// depth limit, so a deeply nested or hostile file gets a diagnostic instead of a stack overflow.
/// </summary>
internal static class YamlReader
{
    public const int MaxDepth = 64;

    public static YNode? Read(string path, string text, DiagnosticBag diagnostics)
    {
        string[]? lines = null;
        SourceSpan BlockContent(SourceSpan indicator)
        {
            // A block scalar's text starts on the line after the indicator (blank lines are part of the text),
            // at the indentation of its first line that is not blank.
            lines ??= text.Split('\n');
            for (var i = indicator.Line; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.Trim().Length == 0) continue;
                return new SourceSpan(path, indicator.Line + 1, line.Length - line.TrimStart(' ').Length + 1);
            }
            return indicator;
        }
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Report(new SourceSpan(path, 1, 1), Codes.EmptyDocument);
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, path, 1, diagnostics, BlockContent);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
                diagnostics.Report(Span(path, next.Start), Codes.MultipleDocuments);
            if (root is YScalar { Value: "" }) { diagnostics.Report(new SourceSpan(path, 1, 1), Codes.EmptyDocument); return null; }
            return root;
        }
        catch (TooDeepException deep)
        {
            diagnostics.Report(deep.Span, Codes.TooDeep, MaxDepth);
            return null;
        }
        catch (Exception e) when (e is not YamlException && e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet's scanner throws these on some malformed text (a lone surrogate, for one): still just bad YAML.
            var at = parser.Current is { } current ? Span(path, current.End) : new SourceSpan(path, 1, 1);
            diagnostics.Report(at, Codes.YamlSyntax, "the file cannot be read as YAML after this point (check for stray or invisible characters)");
            return null;
        }
        catch (YamlException e)
        {
            var message = e.Message;
            // YamlDotNet prefixes its messages with the position; we print that ourselves.
            var close = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0) message = message[(close + 3)..];
            if (message.Contains("mapping", StringComparison.OrdinalIgnoreCase))
                message += " (a ': ' inside a value starts a new key in YAML: put the whole value in double quotes)";
            diagnostics.Report(Span(path, e.Start), Codes.YamlSyntax, message);
            return null;
        }
    }

    private static SourceSpan Span(string path, Mark mark) => new(path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static YNode ReadNode(IParser parser, string path, int depth, DiagnosticBag diagnostics, Func<SourceSpan, SourceSpan> blockContent)
    {
        var ev = parser.Current ?? throw new YamlException("unexpected end of the file");
        if (depth > MaxDepth) throw new TooDeepException(Span(path, ev.Start));
        switch (ev)
        {
            case AnchorAlias alias:
                diagnostics.Report(Span(path, alias.Start), Codes.AnchorsNotAllowed);
                parser.MoveNext();
                return new YScalar(Span(path, alias.Start), "", true, false);
            case Scalar scalar:
                parser.MoveNext();
                if (!scalar.Anchor.IsEmpty) diagnostics.Report(Span(path, scalar.Start), Codes.AnchorsNotAllowed);
                var start = Span(path, scalar.Start);
                var block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
                return new YScalar(start, scalar.Value, scalar.Style == ScalarStyle.Plain, block)
                {
                    // Block scalars begin on the line after the indicator; quoted ones one column in.
                    ContentStart = block ? blockContent(start)
                        : quoted ? start with { Column = start.Column + 1 } : start,
                };
            case SequenceStart seqStart:
                parser.MoveNext();
                if (!seqStart.Anchor.IsEmpty) diagnostics.Report(Span(path, seqStart.Start), Codes.AnchorsNotAllowed);
                var items = new List<YNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, path, depth + 1, diagnostics, blockContent));
                return new YSequence(Span(path, seqStart.Start), items);
            case MappingStart mapStart:
                parser.MoveNext();
                if (!mapStart.Anchor.IsEmpty) diagnostics.Report(Span(path, mapStart.Start), Codes.AnchorsNotAllowed);
                var entries = new List<KeyValuePair<YScalar, YNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, path, depth + 1, diagnostics, blockContent);
                    var value = ReadNode(parser, path, depth + 1, diagnostics, blockContent);
                    if (keyNode is not YScalar key)
                    {
                        diagnostics.Report(keyNode.Span, Codes.WrongNodeKind, "a key", "a single word", keyNode.KindName);
                        continue;
                    }
                    if (!seen.Add(key.Value)) { diagnostics.Report(key.Span, Codes.DuplicateKey, key.Value); continue; }
                    entries.Add(new(key, value));
                }
                return new YMapping(Span(path, mapStart.Start), entries) { Flow = mapStart.Style == MappingStyle.Flow };
            default:
                throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
    }

    private sealed class TooDeepException(SourceSpan span) : Exception
    {
        public SourceSpan Span { get; } = span;
    }
}
