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
    FlagLevel HighestFlag);

/// <summary>One step in a submission's status history.</summary>
public sealed record StatusChange(SubmissionStatus? From, SubmissionStatus To, string ById, DateTimeOffset At, string? Note);

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
    IReadOnlyList<StatusChange> History);

/// <summary>What submitting a draft did: made <see cref="Submission"/> now, or found it made from the same draft before.</summary>
public sealed record DraftSubmission(Submission Submission, bool IsNew);
