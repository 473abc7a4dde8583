using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using Scriban;
using Scriban.Parsing;
using SourceSpan = HistoryEngine.Diagnostics.SourceSpan;
using Scriban.Syntax;

namespace HistoryEngine.Expressions;

/// <summary>
/// Parses expressions and templates with Scriban's parser and maps its 0-based positions into the file.
/// Scriban is only the syntax here: checking and evaluation are ours, so nothing reaches .NET reflection.
/// </summary>
internal static class ScribanSyntax
{
    /// <summary>How deep an expression may nest. A chain of 100 conditions joined by || nests 100 deep, so this is generous.</summary>
    public const int MaxDepth = 256;

    private static readonly ParserOptions Options = new() { ExpressionDepthLimit = MaxDepth, ParseFloatAsDecimal = true };

    public static SourceSpan Map(SourceSpan origin, TextPosition position) => origin.Offset(position.Line, position.Column);

    public static SourceSpan Map(SourceSpan origin, ScriptNode node) => Map(origin, node.Span.Start);

    /// <summary>Where a parser message points; Scriban gives no position (-1) for "unexpected end", so use the end of the text.</summary>
    private static SourceSpan Map(SourceSpan origin, TextPosition position, string text)
    {
        if (position.Line >= 0 && position.Column >= 0) return Map(origin, position);
        var trimmed = text.TrimEnd();
        var lastBreak = trimmed.LastIndexOf('\n');
        return origin.Offset(trimmed.Count(c => c == '\n'), trimmed.Length - lastBreak - 1);
    }

    public static ScriptExpression? ParseExpression(ExpressionSource source, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(source.Text))
        {
            diagnostics.Report(source.Span, Codes.EmptyExpression);
            return null;
        }
        var template = Template.Parse(source.Text, source.Span.File, Options, new LexerOptions { Mode = ScriptMode.ScriptOnly });
        if (template.HasErrors)
        {
            foreach (var m in template.Messages.Where(m => m.Type == ParserMessageType.Error))
                diagnostics.Report(Map(source.Span, m.Span.Start, source.Text), Codes.ExpressionSyntax, m.Message);
            return null;
        }
        var statements = template.Page?.Body?.Statements;
        var expressions = statements?.OfType<ScriptExpressionStatement>().ToList() ?? [];
        if (statements is null || statements.Count != 1 || expressions.Count != 1)
        {
            diagnostics.Report(source.Span, Codes.UnsupportedSyntax, "more than one statement", "; write a single expression");
            return null;
        }
        return expressions[0].Expression;
    }

    public static ScriptPage? ParseTemplate(TemplateSource source, DiagnosticBag diagnostics)
    {
        var template = Template.Parse(source.Text, source.Span.File, Options);
        if (!template.HasErrors) return template.Page;
        foreach (var m in template.Messages.Where(m => m.Type == ParserMessageType.Error))
            diagnostics.Report(Map(source.Span, m.Span.Start, source.Text), Codes.TemplateSyntax, m.Message);
        return null;
    }
}
