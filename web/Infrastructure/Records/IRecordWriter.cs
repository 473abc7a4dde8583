using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>
/// The writes one use case makes, inside one transaction of the store (<see cref="IRecordStore.WriteAsync{T}"/>): they
/// all land or none does, so a crash cannot leave a filed entry without its audit event, or a sent submission without
/// the assignment it completes. Grouped by the aggregate each touches; one transaction may span the aggregates of one
/// use case. Synchronous: the work runs while the store holds the transaction, and must not wait on anything else.
/// </summary>
public interface IRecordWriter
{
    // People
    /// <summary>As <see cref="IPeopleStore.AddPersonAsync"/>, inside the transaction.</summary>
    Person AddPerson(NewPerson person);

    /// <summary>Replaces a person's details (not how they sign in); an unknown id is a <see cref="RecordNotFoundException"/>.</summary>
    Person UpdatePersonDetails(string personId, PersonDetails details);

    /// <summary>Keeps a one-time link for a person (an unknown person is a <see cref="RecordNotFoundException"/>), and
    /// cancels every earlier link of theirs still open, so only the newest works.</summary>
    AccountLink IssueAccountLink(NewAccountLink link);

    /// <summary>As <see cref="IGrantStore.AddProxyGrantAsync"/>, in this unit of work.</summary>
    ProxyGrant AddProxyGrant(string patientId, string carerId, bool canFill, bool canViewRecord, DateTimeOffset? expiresAt);

    /// <summary>Uses the open link whose token has <paramref name="tokenHash"/>: sets its person's password hash, clears
    /// their sign-in failures and lockout, and marks the link used. No such link is a
    /// <see cref="RecordNotFoundException"/>; one used, cancelled or expired (by the store's clock) is a
    /// <see cref="ConflictKind.LinkClosed"/> conflict, and nothing changes.</summary>
    (Person Person, AccountLink Link) UseAccountLink(string tokenHash, string passwordHash);

    // Drafts and submissions
    /// <summary>
    /// In one step: stores <paramref name="submission"/> and deletes the draft it was made from, provided the draft
    /// still has <paramref name="draftKey"/> and <paramref name="expectedRevision"/>. When a submission was already
    /// made from that draft key for the same patient, returns it (not new) and writes nothing, so a repeated or
    /// concurrent submit never makes two. Otherwise a changed or missing draft is a
    /// <see cref="ConflictKind.StaleRevision"/> conflict.
    /// </summary>
    DraftSubmission SubmitDraft(NewSubmission submission, string draftKey, long expectedRevision);

    /// <summary>Files a submission: adds the accepted entries to the record and marks it Filed. A submission already filed
    /// (or not fileable) is an <see cref="ConflictKind.AlreadyFiled"/> or <see cref="ConflictKind.StatusMoved"/> conflict and
    /// nothing is written.</summary>
    Submission FileSubmission(string submissionId, string filedBy, IReadOnlyList<NewRecordEntry> entries);

    /// <summary>Moves a submission from <paramref name="expected"/> to <paramref name="next"/> if it is still in
    /// <paramref name="expected"/> and <see cref="SubmissionWorkflow"/> allows the move; a return may name the
    /// questionnaire pages the patient is asked to look at again (<paramref name="pages"/>, kept in the status history).</summary>
    Submission ChangeSubmissionStatus(string submissionId, SubmissionStatus expected, SubmissionStatus next, string byId, string? note,
        PageIds? pages = null);

    // Record entries
    /// <summary>Adds <paramref name="replacement"/> as a correction of entry <paramref name="supersededId"/>, which
    /// stays as it was; an entry already superseded is a conflict.</summary>
    RecordEntry SupersedeRecordEntry(string supersededId, NewRecordEntry replacement);

    /// <summary>Adds an entry a clinician writes into the record directly (not filed from a submission): it corrects
    /// nothing, and keeps the day it was taken (<see cref="NewRecordEntry.TakenOn"/>) when given.</summary>
    RecordEntry AddRecordEntry(NewRecordEntry entry);

    /// <summary>As <see cref="AddRecordEntry"/>, unless the same clinician added the same entry directly (code, value,
    /// day taken) to the same patient less than <paramref name="within"/> ago: then returns null and writes nothing. The
    /// check and the insert are one step, also when the same form arrives several times at once (a double click), on
    /// every site instance.</summary>
    RecordEntry? AddRecordEntryUnlessRepeated(NewRecordEntry entry, TimeSpan within);

    // Messages
    PatientMessage AddMessage(NewMessage message);

    // Assignments
    IReadOnlyList<Assignment> ListAssignments(string patientId);

    Assignment AddAssignment(NewAssignment assignment);

    Assignment ChangeAssignmentStatus(string assignmentId, AssignmentStatus expected, AssignmentStatus next);

    /// <summary>Adds an assignment a care plan makes, under its <see cref="NewAssignment.Key"/> (required): when the patient
    /// already has an assignment with that key (in any status: one the practice cancelled stays cancelled), returns null
    /// and writes nothing. On PostgreSQL a unique index holds this across site instances.</summary>
    Assignment? AddAssignmentOnce(NewAssignment assignment);

    // Care plan alerts
    /// <summary>Raises a care plan's flag for the practice, unless the patient already has an alert with the same
    /// <see cref="NewPlanAlert.Key"/> (open or reviewed): then returns null and writes nothing.</summary>
    PlanAlert? RaisePlanAlert(NewPlanAlert alert);

    /// <summary>Marks an open alert reviewed by <paramref name="byId"/>; an unknown id is a <see cref="RecordNotFoundException"/>,
    /// one already reviewed a <see cref="ConflictKind.StatusMoved"/> conflict.</summary>
    PlanAlert ReviewPlanAlert(string alertId, string byId);

    // Audit
    AuditEvent AppendAudit(AuditEntry entry);
}
