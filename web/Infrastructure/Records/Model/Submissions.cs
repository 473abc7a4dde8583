namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>How soon a clinician must act; ordered so that a higher value is more urgent.</summary>
public enum FlagLevel
{
    None = 0,
    Routine = 1,
    Soon = 2,
    Urgent = 3,
    Emergency = 4,
}

/// <summary>The store's flag level for the engine's: one mapping, so the site never names or parses a level itself.</summary>
public static class StoredFlagLevel
{
    /// <summary>The store's level for an engine level (none when there is no flag).</summary>
    public static FlagLevel From(Definitions.FlagLevel? level) => level switch
    {
        null => FlagLevel.None,
        Definitions.FlagLevel.Routine => FlagLevel.Routine,
        Definitions.FlagLevel.Soon => FlagLevel.Soon,
        Definitions.FlagLevel.Urgent => FlagLevel.Urgent,
        _ => FlagLevel.Emergency,
    };

    /// <summary>The engine's level for a stored one (null for none).</summary>
    public static Definitions.FlagLevel? ToEngine(FlagLevel level) => level switch
    {
        FlagLevel.None => null,
        FlagLevel.Routine => Definitions.FlagLevel.Routine,
        FlagLevel.Soon => Definitions.FlagLevel.Soon,
        FlagLevel.Urgent => Definitions.FlagLevel.Urgent,
        _ => Definitions.FlagLevel.Emergency,
    };
}

/// <summary>Where a submission is in the review workflow (see <see cref="SubmissionWorkflow"/>).</summary>
public enum SubmissionStatus
{
    New,
    InReview,
    Filed,
    Returned,
    Closed,
}

/// <summary>A frozen set of answers to store; the store assigns id, reference and submission time.</summary>
public sealed record NewSubmission(
    string PatientId,
    string AnsweredById,
    QuestionnaireRef Questionnaire,
    string AnswersJson,
    string ResultJson,
    FlagLevel HighestFlag)
{
    /// <summary>The returned submission this one answers, or null.</summary>
    public string? RepliesTo { get; init; }
}

/// <summary>One step in a submission's status history.</summary>
public sealed record StatusChange(SubmissionStatus? From, SubmissionStatus To, string ById, DateTimeOffset At, string? Note)
{
    /// <summary>For a return: the questionnaire pages the clinician asked the patient to look at again (none: the
    /// clinician named none).</summary>
    public PageIds Pages { get; init; } = PageIds.None;
}

/// <summary>
/// Page ids of a questionnaire, in order; equal when they hold the same ids in the same order, so a status history
/// read back from the store equals the one written.
/// </summary>
public sealed class PageIds(IEnumerable<string> ids) : IReadOnlyList<string>, IEquatable<PageIds>
{
    private readonly string[] _ids = [.. ids];

    public static PageIds None { get; } = new([]);

    public string this[int index] => _ids[index];
    public int Count => _ids.Length;
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_ids).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(PageIds? other) => other is not null && _ids.SequenceEqual(other._ids, StringComparer.Ordinal);
    public override bool Equals(object? obj) => Equals(obj as PageIds);
    public override int GetHashCode() => _ids.Aggregate(0, (h, id) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(id)));
    public override string ToString() => string.Join(", ", _ids);
}

/// <summary>
/// What a patient (or their carer) sent, exactly as answered, with the engine's result and a short
/// <see cref="Reference"/> the patient can quote on the phone.
/// </summary>
public sealed record Submission(
    string Id,
    string Reference,
    string PatientId,
    string AnsweredById,
    QuestionnaireRef Questionnaire,
    string AnswersJson,
    string ResultJson,
    FlagLevel HighestFlag,
    SubmissionStatus Status,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<StatusChange> History)
{
    /// <summary>The returned submission this one answers (the patient answering the practice's question), or null.
    /// The returned one's answer is found the other way, among the patient's submissions.</summary>
    public string? RepliesTo { get; init; }

    /// <summary>The pages the clinician asked about when they last returned it (none when they named none, or it was
    /// never returned).</summary>
    public PageIds ReturnedPages => History.LastOrDefault(h => h.To == SubmissionStatus.Returned)?.Pages ?? PageIds.None;
}

/// <summary>
/// One row of the review queue, read without the answers, the result or the status history: what decides which
/// submission a clinician opens first. <see cref="TopReason"/> is what the clinician is told about the highest flag,
/// as the submission's frozen result gives it (<see cref="QueueReason"/>); <see cref="Patient"/> is null when the store
/// holds no such person.
/// </summary>
public sealed record QueuedSubmission(
    string Id,
    string Reference,
    string PatientId,
    QuestionnaireRef Questionnaire,
    FlagLevel HighestFlag,
    SubmissionStatus Status,
    DateTimeOffset SubmittedAt,
    string? TopReason,
    QueuedPatient? Patient);

/// <summary>Who a queued submission is about, as the queue shows them.</summary>
public sealed record QueuedPatient(string DisplayName, DateOnly? DateOfBirth, string? NhsNumber);

/// <summary>
/// The reason a queue row gives for a submission: of the flags at the highest level, the first one's words for the
/// clinician; null when the submission has no flag, that text is empty, or the result cannot be read. The LiteDB store
/// reads it so; PostgreSQL keeps it beside each submission, worked out by the database by the same rule as the row is
/// inserted (migration 0010's <c>queue_reason</c>; the migration tests hold the two to the same answers).
/// </summary>
public static class QueueReason
{
    public static string? Of(string resultJson, FlagLevel highest)
    {
        if (highest == FlagLevel.None)
            return null;
        try
        {
            return HistoryEngine.Runtime.StoredResult.Read(resultJson).Flags.OrderByDescending(f => f.Level).FirstOrDefault()?.Clinician
                is { Length: > 0 } text ? text : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>What submitting a draft did: made <see cref="Submission"/> now, or found it made from the same draft before.</summary>
public sealed record DraftSubmission(Submission Submission, bool IsNew);
