using HistoryEngine.Web.Features.Clinician.Filing;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Submissions;

/// <summary>A proposed entry as the filing form shows it: ticked or not, and the value in the box.</summary>
public sealed record FilingRow(ProposedEntryView Entry, bool Accepted, string? Value, string? Error)
{
    public string UnitText => Shared.UnitText.Of(Entry.Unit);
}

/// <summary>Everything the submission page shows, worked out once per request.</summary>
public sealed class SubmissionView
{
    public required Submission Submission { get; init; }
    public required Person Patient { get; init; }
    public required string AnsweredBy { get; init; }
    public required bool AnsweredByCarer { get; init; }
    public required string Title { get; init; }
    public required ResultSnapshot Result { get; init; }
    public required SubmissionReplay? Replay { get; init; }
    public required IReadOnlyList<AnswerSection> Answers { get; init; }
    public required IReadOnlyList<string> ModulesNotAsked { get; init; }
    public required DiaryReadings? Diary { get; init; }
    public required IReadOnlyList<RecordEntry> Filed { get; init; }
    public required PeopleNames Names { get; init; }
    public required IReadOnlyDictionary<string, string?> ValueDescriptions { get; init; }

    public bool CanFile => SubmissionWorkflow.CanFile(Submission.Status);
    public bool CanReturn => Submission.Status is SubmissionStatus.New or SubmissionStatus.InReview;
    public bool CanClose => SubmissionWorkflow.CanMove(Submission.Status, SubmissionStatus.Closed);

    public static async Task<SubmissionView> BuildAsync(Submission submission, Person patient, QuestionnaireCatalog catalog,
        IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        var names = new PeopleNames(store);
        await names.LoadAsync([submission.AnsweredById, .. submission.History.Select(h => h.ById)], ct);
        var replay = await SubmissionReplay.LoadAsync(submission, catalog, store, clock, ct);
        var result = ResultSnapshot.Parse(submission.ResultJson);
        var filed = (await store.ListRecordEntriesAsync(patient.Id, includeSuperseded: true, ct))
            .Where(e => e.SubmissionId == submission.Id).ToList();
        await names.LoadAsync(filed.Select(e => e.FiledBy), ct);
        return new SubmissionView
        {
            Submission = submission,
            Patient = patient,
            AnsweredBy = names[submission.AnsweredById],
            AnsweredByCarer = submission.AnsweredById != patient.Id,
            Title = replay?.Questionnaire.Title ?? catalog.TitleOf(submission.Questionnaire.Id),
            Result = result,
            Replay = replay,
            Answers = replay is null ? [] : AnswerLayout.Build(replay.Session),
            ModulesNotAsked = replay is null ? [] : AnswerLayout.ModulesNotAsked(replay.Session),
            Diary = replay is null ? null : DiaryReadings.Of(replay.Session),
            Filed = filed,
            Names = names,
            ValueDescriptions = replay?.Questionnaire.Definition.Values.ToDictionary(v => v.Name, v => v.Description)
                                ?? new Dictionary<string, string?>(),
        };
    }

    /// <summary>The filing form as first shown: every proposed entry ticked, with its proposed value.</summary>
    public IReadOnlyList<FilingRow> DefaultRows() =>
        [.. Result.Entries.Select(e => new FilingRow(e, true, e.Value, null))];
}
