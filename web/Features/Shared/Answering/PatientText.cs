using HistoryEngine.Rendering;
using Microsoft.AspNetCore.Html;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// Author-written Markdown (question text, hints, intros, a rule's words) as HTML, through the engine's renderer,
/// which has raw HTML switched off. This is the only way author text reaches a page unencoded; anything a patient
/// typed is never passed here.
/// </summary>
public static class PatientText
{
    // Every page renders its questions' words again; each distinct text is rendered once (see RenderedText).
    private static readonly RenderedText<HtmlString> Blocks = new(text => new HtmlString(Markdown.ToHtml(text)));
    private static readonly RenderedText<HtmlString> Inlines = new(RenderInline);
    private static readonly RenderedText<IHtmlContent> Rests = new(RenderAfterFirst);

    /// <summary>Block HTML (paragraphs, lists).</summary>
    public static IHtmlContent Block(string? markdown) => Blocks.Get(markdown ?? "");

    /// <summary>A single paragraph without its &lt;p&gt;, for inside a label, legend or heading; several
    /// paragraphs fall back to the first one's text only, with the rest left for <see cref="AfterFirst"/>.</summary>
    public static IHtmlContent Inline(string? markdown) => Inlines.Get(markdown ?? "");

    /// <summary>
    /// A rule's words under a heading that already says their opening instruction: when the words begin with the
    /// heading's own sentence in bold, as files write it (<c>**Call 999 now.**</c>), that sentence is left out so the
    /// page says it once. Anything else (<c>**Call 999 or go to A&amp;E now.**</c>) is kept whole.
    /// </summary>
    public static IHtmlContent BlockUnder(string heading, string? markdown)
    {
        var words = (markdown ?? "").TrimStart();
        var lead = $"**{heading}.**";
        return Block(words.StartsWith(lead, StringComparison.Ordinal) ? words[lead.Length..].TrimStart() : words);
    }

    /// <summary>The paragraphs after the first, as block HTML (empty when there is one paragraph).</summary>
    public static IHtmlContent AfterFirst(string? markdown) => Rests.Get(markdown ?? "");

    private static HtmlString RenderInline(string markdown)
    {
        var paragraphs = Paragraphs(markdown);
        var first = paragraphs.Count == 0 ? "" : paragraphs[0];
        var html = Markdown.ToHtml(first).Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal))
            html = html[3..^4];
        return new HtmlString(html);
    }

    private static IHtmlContent RenderAfterFirst(string markdown)
    {
        var paragraphs = Paragraphs(markdown);
        return paragraphs.Count <= 1 ? HtmlString.Empty : Block(string.Join("\n\n", paragraphs.Skip(1)));
    }

    private static List<string> Paragraphs(string? markdown) =>
        [.. (markdown ?? "").Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
