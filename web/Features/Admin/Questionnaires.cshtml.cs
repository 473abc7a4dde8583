using HistoryEngine.Web.Infrastructure.Questionnaires;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Admin;

/// <summary>Every questionnaire file found at start-up: what patients are offered, modules, and files that failed,
/// with their diagnostics as the authoring tool prints them.</summary>
public sealed class QuestionnairesModel(QuestionnaireCatalog catalog) : PageModel
{
    public QuestionnaireCatalog Catalog => catalog;

    public IEnumerable<CatalogFile> Failed => catalog.Files.Where(f => f.Outcome == CatalogOutcome.Failed);
    public IEnumerable<CatalogFile> Loaded => catalog.Files.Where(f => f.Outcome != CatalogOutcome.Failed);
}
