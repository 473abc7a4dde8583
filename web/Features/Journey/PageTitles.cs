using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>What a page is called. A module's pages often have no title of their own (the cough questions inside the
/// medical history); they take the title of the page the module is listed on ("Your cough or breathing"), then the
/// module's own title, and only then the questionnaire's, which is already the caption above every heading.</summary>
public static class PageTitles
{
    public static string Of(CompiledQuestionnaire q, Page page)
    {
        if (page.Title is { } own)
            return own;
        var dot = page.Id.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var moduleId = page.Id[..dot];
            if (q.Definition.Pages.FirstOrDefault(p => p.Items.Contains(moduleId))?.Title is { } host)
                return host;
            if (q.GetItem(moduleId)?.Definition.Module?.Title is { Length: > 0 } module)
                return module;
        }
        return q.Title;
    }
}
