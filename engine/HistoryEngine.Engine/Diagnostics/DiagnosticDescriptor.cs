using System.Globalization;

namespace HistoryEngine.Diagnostics;

/// <summary>A stable diagnostic code with its message format. Tests assert on the code, people read the message.</summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Format)
{
    public Diagnostic Create(SourceSpan span, params object?[] args) =>
        new(span, Severity, Code, string.Format(CultureInfo.InvariantCulture, Format, args));
}
