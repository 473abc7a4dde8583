using Markdig;

namespace HistoryEngine.Rendering;

/// <summary>Markdown for patient-facing text, with raw HTML disabled so author or patient text cannot inject markup.</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    /// <summary>Renders Markdown to HTML. Safe to call from any thread.</summary>
    public static string ToHtml(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? "" : Markdig.Markdown.ToHtml(markdown, Pipeline);

    /// <summary>Renders Markdown to plain text, for clinician narratives and the CLI.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? "" : Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();
}
