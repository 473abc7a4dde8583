using HistoryEngine.Rendering;
using Microsoft.AspNetCore.Html;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>
/// Author-written Markdown (question text, hints, intros, a rule's words) as HTML, through the engine's renderer,
/// which has raw HTML switched off. This is the only way author text reaches a page unencoded; anything a patient
/// typed is never passed here.
/// </summary>
public static class PatientText
{
    /// <summary>Block HTML (paragraphs, lists).</summary>
    public static IHtmlContent Block(string? markdown) => new HtmlString(Markdown.ToHtml(markdown));

    /// <summary>A single paragraph without its &lt;p&gt;, for inside a label, legend or heading; several
    /// paragraphs fall back to the first one's text only, with the rest left for <see cref="AfterFirst"/>.</summary>
    public static IHtmlContent Inline(string? markdown)
    {
        var paragraphs = Paragraphs(markdown);
        var first = paragraphs.Count == 0 ? "" : paragraphs[0];
        var html = Markdown.ToHtml(first).Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal))
            html = html[3..^4];
        return new HtmlString(html);
    }

    /// <summary>The paragraphs after the first, as block HTML (empty when there is one paragraph).</summary>
    public static IHtmlContent AfterFirst(string? markdown)
    {
        var paragraphs = Paragraphs(markdown);
        return paragraphs.Count <= 1 ? HtmlString.Empty : Block(string.Join("\n\n", paragraphs.Skip(1)));
    }

    private static List<string> Paragraphs(string? markdown) =>
        [.. (markdown ?? "").Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
