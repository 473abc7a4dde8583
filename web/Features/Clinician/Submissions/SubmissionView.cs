using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Clinician.Filing;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Clinician.Submissions;

/// <summary>A proposed entry as the filing form shows it: ticked or not, and the value in the box.</summary>
public sealed record FilingRow(StoredEntry Entry, bool Accepted, string? Value, string? Error)
{
    public string UnitText => Shared.UnitText.Of(Entry.Unit);

    /// <summary>The entry's codings as the record keeps them, the primary first.</summary>
    public RecordCodings Codings => new(Entry.Codings.Select(c => new RecordCoding(c.System, c.Code, c.Display)));
}

/// <summary>Everything the submission page shows, worked out once per request.</summary>
public sealed class SubmissionView
{
    public required Submission Submission { get; init; }
    public required Person Patient { get; init; }
    public required string AnsweredBy { get; init; }
    public required bool AnsweredByCarer { get; init; }
    public required string Title { get; init; }
    public required StoredResult Result { get; init; }
    public required SubmissionReplay? Replay { get; init; }
    public required AnswerSheet Answers { get; init; }
    /// <summary>The patient's age today as the queue shows it ("54", "8 months"); empty without a date of birth.</summary>
    public required string Age { get; init; }
    /// <summary>The reason for contact in the patient's words: the answer to the question the file names as its
    /// <c>reason</c>; null when it names none or it was not answered.</summary>
    public required string? Reason { get; init; }
    /// <summary>The scores and values the file marks for the clinician, with what was worked out (null: not known).</summary>
    public required IReadOnlyList<(ValueInfo Value, string? Text)> KeyValues { get; init; }
    public required IReadOnlyList<string> ModulesNotAsked { get; init; }
    public required DiaryReadings? Diary { get; init; }
    public required IReadOnlyList<RecordEntry> Filed { get; init; }
    public required PeopleNames Names { get; init; }

    /// <summary>The returned submission this one answers, with the question asked (issue 15 point 6).</summary>
    public ReturnedQuestion? RepliesTo { get; init; }
    /// <summary>The patient's answer to this submission, when it was returned and they have answered.</summary>
    public Submission? AnsweredIn { get; init; }
    /// <summary>What the return form offers to point the patient at: the pages the patient was shown, by section.</summary>
    public IReadOnlyList<ReturnPage> ReturnPages { get; init; } = [];

    public bool CanFile => SubmissionWorkflow.CanFile(Submission.Status);
    public bool CanReturn => Submission.Status is SubmissionStatus.New or SubmissionStatus.InReview;
    public bool CanClose => SubmissionWorkflow.CanMove(Submission.Status, SubmissionStatus.Closed);

    public static async Task<SubmissionView> BuildAsync(Submission submission, Person patient, QuestionnaireCatalog catalog,
        IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        var names = new PeopleNames(store);
        await names.LoadAsync([submission.AnsweredById, .. submission.History.Select(h => h.ById)], ct);
        var replay = await SubmissionReplay.LoadAsync(submission, catalog, store, clock, ct);
        var result = StoredResult.Read(submission.ResultJson);
        var filed = (await store.ListRecordEntriesAsync(patient.Id, includeSuperseded: true, ct))
            .Where(e => e.SubmissionId == submission.Id).ToList();
        await names.LoadAsync(filed.Select(e => e.FiledBy), ct);
        var diary = replay is null ? null : DiaryReadings.Of(replay.Session);
        var all = await store.ListSubmissionsForPatientAsync(patient.Id, ct);
        var answers = submission.RepliesTo is { } earlierId && all.FirstOrDefault(x => x.Id == earlierId) is { } earlier
            ? ReturnedQuestion.Of(earlier, all) : null;
        var answeredIn = all.Where(x => x.RepliesTo == submission.Id).OrderBy(x => x.SubmittedAt).FirstOrDefault();
        var reason = replay?.Questionnaire.Definition.Reason is { } reasonId && replay.Questionnaire.GetItem(reasonId) is { } reasonItem
            ? AnswerText.Format(reasonItem, replay.Session.GetAnswer(reasonId))
            : null;
        return new SubmissionView
        {
            Submission = submission,
            Patient = patient,
            AnsweredBy = names[submission.AnsweredById],
            AnsweredByCarer = submission.AnsweredById != patient.Id,
            Title = replay?.Questionnaire.Title ?? catalog.TitleOf(submission.Questionnaire.Id),
            Result = result,
            Replay = replay,
            // A diary's readings are shown once, in their own table and chart.
            Answers = replay is null ? AnswerSheet.Empty
                : AnswerLayout.Build(replay.Session, diary is null ? null : new HashSet<string> { DiaryQuestionnaire.Readings }),
            ModulesNotAsked = replay is null ? [] : AnswerLayout.ModulesNotAsked(replay.Session),
            Diary = diary,
            Age = Clinician.Age.Text(patient.DateOfBirth, UkTime.Today(clock)),
            Reason = reason,
            KeyValues = replay is null ? []
                // A module that was not asked has no scores to miss: only the asked ones' values are listed.
                : [.. replay.Questionnaire.ClinicianValues
                    .Where(k => k.Module is null || replay.Session.IsEnabled(k.Module))
                    .Select(k => (k, result.Values.FirstOrDefault(x => x.Name == k.Name)?.Text))],
            Filed = filed,
            Names = names,
            RepliesTo = answers,
            AnsweredIn = answeredIn,
            ReturnPages = replay is null ? [] : ReturnPage.Of(replay),
        };
    }

    /// <summary>The narrative as plain text for the practice's clinical system, with the reference and who answered,
    /// so a pasted note says where it came from.</summary>
    public string PlainText
    {
        get
        {
            var text = new System.Text.StringBuilder();
            text.AppendLine($"{Title} ({Submission.Reference}), sent {UkTime.Short(Submission.SubmittedAt)}"
                + (AnsweredByCarer ? $", answered by {AnsweredBy} (carer)" : "") + ".");
            text.AppendLine(Result.Summary.Trim());
            if (!Result.Complete)
                text.AppendLine(Result.Stopped ? "Not complete: stopped at an emergency answer." : "Not complete: some required answers are missing.");
            return text.ToString().TrimEnd();
        }
    }

    /// <summary>The filing form as first shown: every proposed entry ticked, with its proposed value.</summary>
    public IReadOnlyList<FilingRow> DefaultRows() =>
        [.. Result.Entries.Select(e => new FilingRow(e, true, e.Value, null))];
}

/// <summary>A page the clinician may ask the patient to look at again when returning a submission: one the patient
/// was shown (its questions applied to their answers), named as the patient saw it.</summary>
public sealed record ReturnPage(string Id, string Title, string? Section)
{
    public static IReadOnlyList<ReturnPage> Of(SubmissionReplay replay) =>
        [.. replay.Session.EnabledPages.Select(p => new ReturnPage(p.Id, TitleOf(replay.Questionnaire, p), p.Section))];

    // As the patient saw it: the page's title, else the title of the module it is part of, else the first question.
    private static string TitleOf(CompiledQuestionnaire q, Page page)
    {
        if (page.Title is { } own)
            return own;
        var dot = page.Id.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && q.GetItem(page.Id[..dot])?.Definition.Module?.Title is { Length: > 0 } module)
            return $"{module}: {page.ItemIds.Select(q.GetItem).OfType<ItemInfo>().Select(AnswerText.Question).FirstOrDefault() ?? page.Id}";
        return page.ItemIds.Select(q.GetItem).OfType<ItemInfo>().Select(AnswerText.Question).FirstOrDefault() ?? page.Id;
    }

    /// <summary>The posted page ids, each one the form offered, in the questionnaire's order; null when one was not offered.</summary>
    public static PageIds? Read(IEnumerable<string?> posted, IReadOnlyList<ReturnPage> offered)
    {
        var ids = posted.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).ToHashSet(StringComparer.Ordinal);
        if (ids.Any(id => offered.All(o => o.Id != id)))
            return null;
        return new PageIds(offered.Where(o => ids.Contains(o.Id)).Select(o => o.Id));
    }
}
