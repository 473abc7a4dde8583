namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>The exact questionnaire definition something was answered with: id, version and content hash.</summary>
public sealed record QuestionnaireRef(string Id, string Version, string ContentHash);

/// <summary>A draft to save: the answers so far for one patient and one questionnaire.</summary>
public sealed record DraftChange(string PatientId, QuestionnaireRef Questionnaire, string AnswersJson, string EditedBy);

/// <summary>
/// Answers in progress, one per patient and questionnaire. <see cref="Revision"/> rises by one on every save, so a
/// save made from a stale page can be detected and refused.
/// </summary>
public sealed record Draft(
    string PatientId,
    QuestionnaireRef Questionnaire,
    string AnswersJson,
    long Revision,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

/// <summary>Where a questionnaire the practice asked for stands.</summary>
public enum AssignmentStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>A request from the practice that a patient fill in a questionnaire.</summary>
public sealed record NewAssignment(string PatientId, string QuestionnaireId, DateOnly? DueDate, string AssignedBy);

/// <summary>A questionnaire the practice asked a patient to fill in, with an optional due date.</summary>
public sealed record Assignment(
    string Id,
    string PatientId,
    string QuestionnaireId,
    DateOnly? DueDate,
    string AssignedBy,
    DateTimeOffset AssignedAt,
    AssignmentStatus Status);
