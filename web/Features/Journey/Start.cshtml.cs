using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>A questionnaire's start page: its introduction, and a way in (or back in, where a draft was saved).</summary>
public sealed class StartModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : JourneyPageModel(access, catalog, store, clock)
{
    /// <summary>Where Start (or Continue) leads: the first page, or for a draft the first page with a question
    /// still to answer, else the check page.</summary>
    public string NextUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string subject, string questionnaireId, CancellationToken ct)
    {
        if (await LoadAsync(subject, questionnaireId, ct) is { } refused)
            return refused;
        var session = Journey.Session;
        var unanswered = session.Missing.Concat(session.Errors.Select(e => e.Path)).ToList();
        var page = Journey.Draft is null
            ? session.NextPage(null)
            : session.EnabledPages.FirstOrDefault(p => unanswered.Any(path => AnswerPaths.IsOnPage(Journey.Questionnaire, path, p.ItemIds)));
        NextUrl = page is null ? CheckUrl : PageUrl(page.Id);
        return Page();
    }
}
