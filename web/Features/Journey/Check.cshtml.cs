using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>
/// "Check your answers", then send. Sending is a POST carrying the draft's key and revision: the store sends a
/// draft once, so a second press (or a second tab) is shown the confirmation of the first.
/// </summary>
public sealed class CheckModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : JourneyPageModel(access, catalog, store, clock)
{
    public List<CheckSection> Sections { get; private set; } = [];
    public List<(string Href, string Message)> Problems { get; private set; } = [];
    public bool ChangedElsewhere { get; private set; }
    /// <summary>The last page the patient answered before this one; null when there is none to go back to.</summary>
    public string? BackUrl { get; private set; }
    public IEnumerable<Flag> Urgent => Journey.Session.Flags.Where(f => f.Level == Definitions.FlagLevel.Urgent);

    public async Task<IActionResult> OnGetAsync(string subject, string questionnaireId, CancellationToken ct)
    {
        if (await LoadAsync(subject, questionnaireId, ct) is { } refused)
            return refused;
        Show();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string subject, string questionnaireId, string? draftKey, long revision,
        CancellationToken ct)
    {
        if (await LoadAsync(subject, questionnaireId, ct) is { } refused)
            return refused;
        if (string.IsNullOrEmpty(draftKey))
            return Redirect(StartUrl);
        var sameDraft = Journey.Draft is { } draft && draft.Key == draftKey && draft.Revision == revision;
        if (sameDraft && !Journey.Session.Stopped && !Journey.Session.Result().Complete)
        {
            Show();
            return Page();
        }
        try
        {
            // When the draft is gone because it was sent, the store hands back that submission.
            var sent = await SendAsync(draftKey, revision, ct);
            return Redirect(JourneyUrls.Sent(Subject.Patient.Id, sent.Submission.Id));
        }
        catch (RecordConflictException)
        {
            ChangedElsewhere = true;
            Show();
            return Page();
        }
    }

    private void Show()
    {
        var session = Journey.Session;
        Sections = CheckRows.Build(session, PageUrl, forCarer: !Subject.IsSelf);
        BackUrl = session.EnabledPages.LastOrDefault() is { } last ? PageUrl(last.Id) : null;
        Problems = [.. PageProblems.All(session).Select(p => (
            CheckRows.PageOf(session, p.Path) is { } page ? $"{PageUrl(page)}#{FieldIds.For(p.Path)}" : "", p.Message))];
    }
}
