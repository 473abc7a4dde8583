using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>Drafts and submissions: a patient's answers while they fill in a questionnaire, and what they sent (a draft is
/// submitted, and a submission moved or filed, through <see cref="IRecordWriter"/>).</summary>
public interface ISubmissionStore
{
    /// <summary>The draft for this patient and questionnaire, or null.</summary>
    Task<Draft?> GetDraftAsync(string patientId, string questionnaireId, CancellationToken ct = default);

    /// <summary>A patient's drafts, most recently updated first.</summary>
    Task<IReadOnlyList<Draft>> ListDraftsAsync(string patientId, CancellationToken ct = default);

    /// <summary>Saves a draft if its revision is still <paramref name="expectedRevision"/> (0: no draft yet), and
    /// returns it with the next revision; otherwise a <see cref="ConflictKind.StaleRevision"/> conflict. Answers over
    /// <see cref="Draft.MaxAnswersBytes"/> are a <see cref="RecordTooLargeException"/>, and the draft stays as it was.</summary>
    Task<Draft> SaveDraftAsync(DraftChange change, long expectedRevision, CancellationToken ct = default);

    /// <summary>The submission with this id, or null.</summary>
    Task<Submission?> GetSubmissionAsync(string id, CancellationToken ct = default);

    /// <summary>A patient's submissions, newest first.</summary>
    Task<IReadOnlyList<Submission>> ListSubmissionsForPatientAsync(string patientId, CancellationToken ct = default);

    /// <summary>The review queue: submissions in any of these statuses, highest flag first, then oldest first, at most
    /// <paramref name="limit"/>, each as a queue row with its patient (not the whole submission); with
    /// <paramref name="practiceId"/>, only those of that practice's patients.</summary>
    Task<IReadOnlyList<QueuedSubmission>> ListQueueAsync(
        IReadOnlyCollection<SubmissionStatus> statuses, int limit, CancellationToken ct = default, string? practiceId = null);

    /// <summary>The submissions waiting (new or in review), counted per flag level with the oldest's time: one query,
    /// for the count every clinician page shows. Levels with none waiting are left out. With <paramref name="practiceId"/>,
    /// only that practice's.</summary>
    Task<WaitingSummary> SummariseWaitingAsync(CancellationToken ct = default, string? practiceId = null);
}
