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

    /// <summary>For a draft answering the practice's question: the question, and the earlier answers the current
    /// version could not take (shown, so nothing the patient wrote goes without their knowing).</summary>
    public ReturnedQuestion? Question { get; private set; }
    public IReadOnlyList<ReturnedQuestion.Dropped> Dropped { get; private set; } = [];

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
        if (Journey.Draft?.RepliesTo is { } returnedId && await Store.GetSubmissionAsync(returnedId, ct) is { } returned
            && returned.PatientId == Subject.Patient.Id)
        {
            Question = await ReturnedQuestion.ReadAsync(returned, Store, ct);
            Dropped = await ReturnedQuestion.DroppedAsync(returned, Journey.Questionnaire, Subject, Catalog, Store, Clock, ct);
            // Answering the practice's question goes to the pages they asked about, else to the answers to check.
            if (Question is not null)
                NextUrl = ReturnedQuestion.FirstAskedPage(Journey, Question.Pages) is { } asked ? PageUrl(asked.Id) : CheckUrl;
        }
        return Page();
    }
}
