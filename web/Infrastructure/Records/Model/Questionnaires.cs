namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>The exact questionnaire definition something was answered with: id, version and content hash.</summary>
public sealed record QuestionnaireRef(string Id, string Version, string ContentHash);

/// <summary>A draft to save: the answers so far for one patient and one questionnaire.</summary>
public sealed record DraftChange(string PatientId, QuestionnaireRef Questionnaire, string AnswersJson, string EditedBy)
{
    /// <summary>The returned submission this draft answers (the practice's question), or null; each save states it,
    /// and the draft keeps what the latest save said.</summary>
    public string? RepliesTo { get; init; }
}

/// <summary>
/// Answers in progress, one per patient and questionnaire. <see cref="Revision"/> rises by one on every save, so a
/// save made from a stale page can be detected and refused. <see cref="Key"/> is random, set at the first save and
/// kept until the draft is submitted or deleted: a submission remembers it, so submitting the same draft twice finds
/// the first submission instead of making a second (revisions alone restart at 1 with the next draft).
/// </summary>
public sealed record Draft(
    string PatientId,
    QuestionnaireRef Questionnaire,
    string AnswersJson,
    long Revision,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string Key)
{
    /// <summary>The returned submission this draft answers, or null (see <see cref="Submission.RepliesTo"/>).</summary>
    public string? RepliesTo { get; init; }

    /// <summary>
    /// The most a draft's answers may take, as UTF-8 JSON; a larger save is refused with
    /// <see cref="RecordTooLargeException"/> and nothing is stored. Real drafts are a few kilobytes; one long text at the
    /// engine's own limit (100,000 characters) is 0.1 to 0.6 MB once JSON escapes what is not plain ASCII. Drafts are
    /// read whole on every page of a journey and on the patient's home page, and LiteDB refuses a document over 16 MB.
    /// </summary>
    public const int MaxAnswersBytes = 1024 * 1024;
}

/// <summary>Where a questionnaire the practice asked for stands.</summary>
public enum AssignmentStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>A request from the practice that a patient fill in a questionnaire.</summary>
public sealed record NewAssignment(string PatientId, string QuestionnaireId, DateOnly? DueDate, string AssignedBy)
{
    /// <summary>For an assignment a care plan makes, its key (plan, step and due date, as the plan names it): the store
    /// keeps one assignment per patient and key however often, and from however many site instances, it is asked
    /// (<see cref="IRecordWriter.AddAssignmentOnce"/>). Null for one a clinician makes.</summary>
    public string? Key { get; init; }
}

/// <summary>A questionnaire the practice asked a patient to fill in, with an optional due date.</summary>
public sealed record Assignment(
    string Id,
    string PatientId,
    string QuestionnaireId,
    DateOnly? DueDate,
    string AssignedBy,
    DateTimeOffset AssignedAt,
    AssignmentStatus Status)
{
    /// <summary>The care plan's key this assignment was made under (see <see cref="NewAssignment.Key"/>), or null.</summary>
    public string? Key { get; init; }
}

/// <summary>One file of an archived questionnaire version, with its path relative to the questionnaire's folder.</summary>
public sealed record QuestionnaireSourceFile(string RelativePath, string Text);

/// <summary>
/// The exact files one questionnaire version was compiled from, kept by content hash so that a draft or submission
/// can always be shown against the definition it was answered with, after the file on disk has changed.
/// </summary>
public sealed record ArchivedQuestionnaire(
    string Hash,
    string Id,
    string Version,
    IReadOnlyList<QuestionnaireSourceFile> Files,
    DateTimeOffset ArchivedAt);
