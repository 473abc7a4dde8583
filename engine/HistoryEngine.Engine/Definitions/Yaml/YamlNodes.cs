using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions.Yaml;

/// <summary>A YAML node with the position it was read from. The reader builds these; nothing else parses YAML.</summary>
internal abstract record YNode(SourceSpan Span)
{
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="Plain"/> is true when it was written without quotes (so `yes` may mean true).</summary>
internal sealed record YScalar(SourceSpan Span, string Value, bool Plain, bool Literal) : YNode(Span)
{
    public override string KindName => "a single value";

    /// <summary>Where the text of the scalar itself starts: block scalars (| and >) start on the next line.</summary>
    public SourceSpan ContentStart { get; init; } = Span;
}

internal sealed record YSequence(SourceSpan Span, IReadOnlyList<YNode> Items) : YNode(Span)
{
    public override string KindName => "a list";
}

internal sealed record YMapping(SourceSpan Span, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(Span)
{
    public override string KindName => "a mapping of keys to values";

    /// <summary>Written on one line in braces (<c>{code: a, display: A}</c>), where a comma in a value starts a new key.</summary>
    public bool Flow { get; init; }

    public YNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
