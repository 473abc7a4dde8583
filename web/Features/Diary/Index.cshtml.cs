using HistoryEngine.Definitions;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Diary;

/// <summary>
/// The home blood pressure diary on one page: add a sitting (two readings) in one short form, see the readings by day
/// and on a chart, where the diary stands, and send it once it is complete. The diary is the <c>home-bp-diary</c>
/// questionnaire's draft like any journey, so it can be carried on from any device, and every check, value and
/// rule is the file's. Urgent advice shows as soon as a reading calls for it; an emergency stops the diary and
/// sends it, as any journey does.
/// </summary>
public sealed class IndexModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : JourneyPageModel(access, catalog, store, clock)
{
    private readonly TimeProvider _clock = clock;

    public DiaryReadings Diary { get; private set; } = null!;
    public BpChart Chart { get; private set; } = null!;
    public SittingForm Sitting { get; private set; } = null!;

    /// <summary>Questions the file asks after some readings (symptoms with a very high reading, say).</summary>
    public List<Field> FollowUps { get; private set; } = [];
    public Dictionary<string, string> FollowUpErrors { get; private set; } = [];
    public bool AskFollowUps { get; private set; }

    /// <summary>Why the diary cannot be sent, when the patient tried.</summary>
    public List<(string Href, string Message)> SendProblems { get; private set; } = [];
    public bool ChangedElsewhere { get; private set; }
    public int Added { get; private set; }
    public IReadOnlyList<Submission> SentBefore { get; private set; } = [];

    public IEnumerable<Flag> Urgent => Journey.Session.Flags.Where(f => f.Level == Definitions.FlagLevel.Urgent);
    public IEnumerable<string> Emergency => Journey.Session.Flags.Where(f => f.Level == Definitions.FlagLevel.Emergency).Select(f => f.Patient);
    public bool Complete => Journey.Session.Result().Complete;

    public ErrorLinks ErrorLinks => new ErrorLinks().Add(Sitting.Summary).AtPaths(FollowUpErrors).Add(SendProblems);

    public string HomeUrl => JourneyUrls.Home(Subject.Patient.Id, Subject.IsSelf);
    public string DiaryUrl => DiaryUrls.Diary(Subject.Patient.Id);

    /// <summary>The how-to text the file shows before the readings.</summary>
    public string? HowTo => Journey.Questionnaire.ItemIds.Select(Journey.Questionnaire.GetItem)
        .FirstOrDefault(i => i is { Type: ItemType.Display, ParentId: null })?.Definition.Text;

    public async Task<IActionResult> OnGetAsync(string subject, int? added, bool? stale, string? change, CancellationToken ct)
    {
        if (await LoadAsync(subject, DiaryQuestionnaire.Id, ct) is { } refused)
            return refused;
        Added = added is > 0 and <= 2 ? added.Value : 0;
        ChangedElsewhere = stale == true;
        await ShowAsync(null, posted: null, editFollowUps: change == "followup", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string subject, CancellationToken ct)
    {
        if (await LoadAsync(subject, DiaryQuestionnaire.Id, ct) is { } refused)
            return refused;
        var sitting = SittingForm.Read(Request.Form);
        var before = Journey.Session.InstanceCount(DiaryQuestionnaire.Readings);
        if (!sitting.AddTo(Journey.Session, Request.Form))
        {
            await ShowAsync(sitting, posted: null, editFollowUps: false, ct);
            return Page();
        }
        // Adding only appends, so it is safe on top of whatever was saved last; a save that lands between this
        // request's read and write is a conflict, and the patient is asked to look again.
        try { await Journey.SaveAsync(Store, Journey.Revision, ct); }
        catch (RecordConflictException)
        {
            await LoadAsync(subject, DiaryQuestionnaire.Id, ct);
            ChangedElsewhere = true;
            await ShowAsync(sitting, posted: null, editFollowUps: false, ct);
            return Page();
        }
        var added = Journey.Session.InstanceCount(DiaryQuestionnaire.Readings) - before;
        // Land on the status, unless there is advice or a question at the top of the page that must be seen first.
        var attention = Journey.Session.Flags.Any(f => f.Level >= Definitions.FlagLevel.Urgent)
                        || FollowUpIds().Any(id => Journey.Session.IsEnabledAt(id) && Journey.Session.GetAnswer(id) is null);
        return Redirect($"{DiaryUrl}?added={added}{(attention ? "" : "#status")}");
    }

    public async Task<IActionResult> OnPostFollowUpAsync(string subject, long revision, CancellationToken ct)
    {
        if (await LoadAsync(subject, DiaryQuestionnaire.Id, ct) is { } refused)
            return refused;
        if (revision != Journey.Revision)
            return Redirect($"{DiaryUrl}?stale=true");
        var posted = new PostedAnswers(Request.Form);
        var roots = FollowUpIds().ToHashSet(StringComparer.Ordinal);
        posted.Apply(Journey.Session, roots);
        var errors = PageProblems.Errors(Journey.Session, roots, posted.FormErrors, Request.Form["shown"].OfType<string>());
        if (errors.Count > 0 && !Journey.Session.Stopped)
        {
            FollowUpErrors = errors;
            await ShowAsync(null, posted, editFollowUps: true, ct);
            return Page();
        }
        try { await Journey.SaveAsync(Store, revision, ct); }
        catch (RecordConflictException) { return Redirect($"{DiaryUrl}?stale=true"); }
        if (Journey.Session.Stopped)
        {
            // An emergency: the diary stops and goes to the practice now, and the patient sees what to do.
            var sent = await SendAsync(Journey.Draft!.Key, Journey.Draft.Revision, ct);
            return Redirect(JourneyUrls.Sent(Subject.Patient.Id, sent.Submission.Id));
        }
        return Redirect($"{DiaryUrl}#status");
    }

    public async Task<IActionResult> OnPostSendAsync(string subject, string? draftKey, long revision, CancellationToken ct)
    {
        if (await LoadAsync(subject, DiaryQuestionnaire.Id, ct) is { } refused)
            return refused;
        var session = Journey.Session;
        if (string.IsNullOrEmpty(draftKey))
        {
            SendProblems = [("#sitting-systolic1", "Add your readings before you send your diary")];
            await ShowAsync(null, posted: null, editFollowUps: false, ct);
            return Page();
        }
        var sameDraft = Journey.Draft is { } draft && draft.Key == draftKey && draft.Revision == revision;
        if (sameDraft && !session.Stopped && !session.Result().Complete)
        {
            SendProblems = [.. PageProblems.All(session).Select(p => (Href(p.Path), p.Message))];
            await ShowAsync(null, posted: null, editFollowUps: false, ct);
            return Page();
        }
        try
        {
            // When the draft is gone because it was sent (a second press), the store hands back that submission.
            var sent = await SendAsync(draftKey, revision, ct);
            return Redirect(DiaryUrls.Sent(Subject.Patient.Id, sent.Submission.Id));
        }
        catch (RecordConflictException)
        {
            ChangedElsewhere = true;
            await ShowAsync(null, posted: null, editFollowUps: false, ct);
            return Page();
        }
    }

    private string Href(string path)
    {
        // A problem inside a reading links to that reading's own page.
        if (AnswerPath.TryParse(path, out var parsed) && parsed.RootId == DiaryQuestionnaire.Readings
            && parsed.Steps[0].Index is { } index)
            return DiaryUrls.Reading(Subject.Patient.Id, index);
        if (path == DiaryQuestionnaire.Readings || path.Length == 0)
            return "#sitting-systolic1";
        return "#" + FieldIds.For(path);
    }

    /// <summary>The file's top-level questions other than the readings.</summary>
    private IEnumerable<string> FollowUpIds() => Journey.Questionnaire.Pages.SelectMany(p => p.ItemIds)
        .Where(id => id != DiaryQuestionnaire.Readings && Journey.Questionnaire.GetItem(id)?.Definition.IsAnswerable == true);

    private async Task ShowAsync(SittingForm? sitting, PostedAnswers? posted, bool editFollowUps, CancellationToken ct)
    {
        var session = Journey.Session;
        Diary = new DiaryReadings(session);
        Chart = BpChart.ByDay(Diary.Points, Diary.Lines, BpChartWords.Patient, "#readings", "Your readings are listed by day under this chart.");
        Sitting = sitting ?? SittingForm.Prefilled(UkTime.Now(_clock), Diary.All.LastOrDefault(r => r.Arm is not null)?.Arm);
        FollowUps = new FieldBuilder(session, posted, FollowUpErrors, null).Build(FollowUpIds());
        AskFollowUps = FollowUps.Count > 0 && (editFollowUps || FollowUpErrors.Count > 0
            || FollowUps.Any(f => session.Missing.Contains(f.Path) || f.Answer is null));
        SentBefore = [.. (await Store.ListSubmissionsForPatientAsync(Subject.Patient.Id, ct))
            .Where(s => s.Questionnaire.Id == DiaryQuestionnaire.Id).OrderByDescending(s => s.SubmittedAt)];
        ViewData["Title"] = (ErrorLinks.Any() ? "Error: " : "") + Journey.Questionnaire.Title;
    }
}
