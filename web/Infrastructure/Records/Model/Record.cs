namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>A coded entry to file into a patient's record.</summary>
public sealed record NewRecordEntry(
    string PatientId,
    string System,
    string Code,
    string Display,
    string? Value,
    string? Unit,
    string FiledBy,
    string? SubmissionId,
    string? QuestionnaireVersion);

/// <summary>
/// A coded entry in a patient's record with its provenance. Entries are never changed: a correction is a new entry
/// whose <see cref="SupersedesId"/> names the one it replaces.
/// </summary>
public sealed record RecordEntry(
    string Id,
    string PatientId,
    string System,
    string Code,
    string Display,
    string? Value,
    string? Unit,
    string FiledBy,
    DateTimeOffset FiledAt,
    string? SubmissionId,
    string? QuestionnaireVersion,
    string? SupersedesId);

/// <summary>A message to store for a patient.</summary>
public sealed record NewMessage(string PatientId, string FromId, string Subject, string Body, string? SubmissionId);

/// <summary>A message from the practice to a patient, optionally about one submission.</summary>
public sealed record PatientMessage(
    string Id,
    string PatientId,
    string FromId,
    string Subject,
    string Body,
    string? SubmissionId,
    DateTimeOffset SentAt,
    DateTimeOffset? ReadAt);

/// <summary>A patient's consent for a carer to act for them; active until <see cref="RevokedAt"/> is set.</summary>
public sealed record ProxyGrant(
    string Id,
    string PatientId,
    string CarerId,
    bool CanFill,
    bool CanViewRecord,
    DateTimeOffset GrantedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>True while the grant has not been revoked.</summary>
    public bool IsActive => RevokedAt is null;
}
