namespace HistoryEngine.Diagnostics;

public enum DiagnosticSeverity { Warning, Error }

/// <summary>One problem found in a file, printed the way compilers do: <c>file(line,col): error HE1006: message</c>.</summary>
public sealed record Diagnostic(SourceSpan Span, DiagnosticSeverity Severity, string Code, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString() =>
        $"{Span}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}

/// <summary>Collects diagnostics while a file is loaded and checked. Not thread-safe: one per load.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.IsError);
    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Report(SourceSpan span, DiagnosticDescriptor descriptor, params object?[] args) =>
        _items.Add(descriptor.Create(span, args));

    /// <summary>
    /// Diagnostics in file, line and column order, so output is stable for golden files; a diagnostic reported twice
    /// (the loader and the compiler can both see the same mistake) is listed once.
    /// </summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Distinct().OrderBy(d => d.Span.File, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToList();
}
