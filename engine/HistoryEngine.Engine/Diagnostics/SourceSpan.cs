namespace HistoryEngine.Diagnostics;

/// <summary>A 1-based line and column in a named file. Every definition node carries one.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>No position: used only for problems that belong to no file.</summary>
    public static readonly SourceSpan None = new("", 0, 0);

    /// <summary>
    /// A position <paramref name="lines"/> lines and <paramref name="columns"/> columns further on. Later lines keep
    /// this column as their left edge: every line of a YAML block scalar is indented like its first.
    /// </summary>
    public SourceSpan Offset(int lines, int columns) =>
        this with { Line = Line + lines, Column = Column + columns };

    public override string ToString() => Line == 0 ? File : $"{File}({Line},{Column})";
}
