using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace HistoryEngine.Web.Features.Diary;

/// <summary>
/// Change one reading, with every question the file asks about a reading, or remove it. Both are about a reading
/// by its place in the list, so both carry the draft revision the patient saw: if the diary changed meanwhile (on
/// another device), nothing is changed and the patient is sent back to the diary to look again.
/// </summary>
public sealed class ReadingModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : JourneyPageModel(access, catalog, store, clock)
{
    public int Index { get; private set; }
    public List<Field> Fields { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    public DiaryReading Reading { get; private set; } = null!;
    public bool Removing { get; private set; }
    public string DiaryUrl => DiaryUrls.Diary(Subject.Patient.Id);
    public string Prefix => $"{DiaryQuestionnaire.Readings}[{Index}]";

    public ErrorLinks ErrorLinks => ErrorLinks.ForFields(Fields, Errors);

    public async Task<IActionResult> OnGetAsync(string subject, int index, CancellationToken ct)
    {
        if (await RefusedAsync(subject, index, seenRevision: null, ct) is { } refused)
            return refused;
        Show(null, ProblemsOf(Journey.Session.Errors.Select(e => (e.Path, e.Message))));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string subject, int index, long revision, CancellationToken ct)
    {
        if (await RefusedAsync(subject, index, revision, ct) is { } refused)
            return refused;
        var session = Journey.Session;
        // Only this reading's questions count, whatever a hand-made form says it showed.
        var shown = Request.Form["shown"].OfType<string>().Where(p => p.StartsWith(Prefix + ".", StringComparison.Ordinal)).ToArray();
        var fields = Request.Form.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        fields["shown"] = new StringValues(shown);
        var posted = new PostedAnswers(new FormCollection(fields));
        posted.Apply(session, new HashSet<string>([DiaryQuestionnaire.Readings], StringComparer.Ordinal));
        var errors = ProblemsOf(PageProblems.Errors(session, new HashSet<string>([DiaryQuestionnaire.Readings], StringComparer.Ordinal),
            posted.FormErrors, shown).Select(e => (e.Key, e.Value)));
        if (errors.Count > 0)
        {
            Show(posted, errors);
            return Page();
        }
        return await SaveAsync(revision, ct);
    }

    public async Task<IActionResult> OnGetRemoveAsync(string subject, int index, CancellationToken ct)
    {
        if (await RefusedAsync(subject, index, seenRevision: null, ct) is { } refused)
            return refused;
        Removing = true;
        Show(null, []);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string subject, int index, long revision, CancellationToken ct)
    {
        if (await RefusedAsync(subject, index, revision, ct) is { } refused)
            return refused;
        Journey.Session.RemoveInstance(DiaryQuestionnaire.Readings, index);
        return await SaveAsync(revision, ct);
    }

    /// <summary>Null when the reading may be shown or changed: the diary is the subject's, the reading exists, and
    /// (for a change) the diary is still as the patient saw it (<paramref name="seenRevision"/>); otherwise the answer.</summary>
    private async Task<IActionResult?> RefusedAsync(string subject, int index, long? seenRevision, CancellationToken ct)
    {
        if (await LoadAsync(subject, DiaryQuestionnaire.Id, ct) is { } refused)
            return refused;
        if (!Exists(index))
            return NotFound();
        return seenRevision is { } seen && seen != Journey.Revision ? Redirect($"{DiaryUrl}?stale=true") : null;
    }

    /// <summary>Saves the change on top of the revision the patient saw, then back to the readings; a save that
    /// landed meanwhile sends the patient back to look again.</summary>
    private async Task<IActionResult> SaveAsync(long revision, CancellationToken ct)
    {
        try { await Journey.SaveAsync(Store, revision, ct); }
        catch (RecordConflictException) { return Redirect($"{DiaryUrl}?stale=true"); }
        return Redirect($"{DiaryUrl}#readings");
    }

    private bool Exists(int index)
    {
        Index = index;
        return index >= 0 && index < Journey.Session.InstanceCount(DiaryQuestionnaire.Readings);
    }

    private Dictionary<string, string> ProblemsOf(IEnumerable<(string Path, string Message)> errors)
    {
        var mine = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, message) in errors.Where(e => e.Path.StartsWith(Prefix + ".", StringComparison.Ordinal)))
            mine.TryAdd(path, message);
        return mine;
    }

    private void Show(PostedAnswers? posted, Dictionary<string, string> errors)
    {
        var session = Journey.Session;
        Errors = errors;
        Reading = new DiaryReadings(session).All[Index];
        var group = Journey.Questionnaire.GetItem(DiaryQuestionnaire.Readings)!;
        Fields = [];
        foreach (var child in group.Children)
        {
            var path = AnswerPaths.Child(Prefix, child);
            if (!child.Definition.IsAnswerable || !session.IsEnabledAt(path))
                continue;
            var field = new Field { Item = child, Path = path, Error = errors.GetValueOrDefault(path), Answer = session.GetAnswer(path) };
            if (posted is null || !posted.FillField(field))
                AnswerInputs.FromAnswer(field, field.Answer);
            Fields.Add(field);
        }
        ViewData["Title"] = (errors.Count > 0 ? "Error: " : "") + (Removing ? "Remove this reading" : "Change this reading");
    }
}
