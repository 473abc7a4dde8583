using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>
/// Everything the site keeps, behind one port so that another backend (PostgreSQL, say) can replace LiteDB by passing
/// the same contract tests. The store stamps every time from its clock, in UTC. Compare-and-set rules (stale draft
/// revisions, filing twice, status moves, superseding an entry twice) are enforced here and reported as
/// <see cref="RecordConflictException"/>; an unknown id is a <see cref="RecordNotFoundException"/>.
/// Implementations are safe to share across requests.
/// </summary>
public interface IRecordStore
{
    // People and accounts

    /// <summary>Adds a person; a user name already taken (ignoring case) is a conflict.</summary>
    Task<Person> AddPersonAsync(NewPerson person, CancellationToken ct = default);

    /// <summary>The person with this id, or null.</summary>
    Task<Person?> GetPersonAsync(string id, CancellationToken ct = default);

    /// <summary>The person who signs in with this user name (ignoring case), or null.</summary>
    Task<Person?> FindPersonByUserNameAsync(string userName, CancellationToken ct = default);

    /// <summary>Everyone, or everyone with one role, ordered by display name.</summary>
    Task<IReadOnlyList<Person>> ListPeopleAsync(Role? role = null, CancellationToken ct = default);

    /// <summary>Counts a failed sign-in atomically; the <paramref name="lockAfter"/>th failure locks the account for
    /// <paramref name="lockFor"/> and starts the count again.</summary>
    Task<Person> RecordFailedSignInAsync(string personId, int lockAfter, TimeSpan lockFor, CancellationToken ct = default);

    /// <summary>Clears the failure count and any lockout after a good sign-in.</summary>
    Task<Person> RecordSuccessfulSignInAsync(string personId, CancellationToken ct = default);

    /// <summary>Replaces a password hash (a new password, or a rehash with stronger parameters).</summary>
    Task<Person> SetPasswordHashAsync(string personId, string passwordHash, CancellationToken ct = default);

    // One-time account links (invitations and password resets; written through IRecordWriter)

    /// <summary>The link whose token has this SHA-256 hash, used or not, or null.</summary>
    Task<AccountLink?> FindAccountLinkAsync(string tokenHash, CancellationToken ct = default);

    /// <summary>Every link issued for a person, newest first.</summary>
    Task<IReadOnlyList<AccountLink>> ListAccountLinksAsync(string personId, CancellationToken ct = default);

    // Drafts

    /// <summary>The draft for this patient and questionnaire, or null.</summary>
    Task<Draft?> GetDraftAsync(string patientId, string questionnaireId, CancellationToken ct = default);

    /// <summary>A patient's drafts, most recently updated first.</summary>
    Task<IReadOnlyList<Draft>> ListDraftsAsync(string patientId, CancellationToken ct = default);

    /// <summary>Saves a draft if its revision is still <paramref name="expectedRevision"/> (0: no draft yet), and
    /// returns it with the next revision; otherwise a <see cref="ConflictKind.StaleRevision"/> conflict. Answers over
    /// <see cref="Draft.MaxAnswersBytes"/> are a <see cref="RecordTooLargeException"/>, and the draft stays as it was.</summary>
    Task<Draft> SaveDraftAsync(DraftChange change, long expectedRevision, CancellationToken ct = default);

    /// <summary>Deletes a draft if its revision is still <paramref name="expectedRevision"/>.</summary>
    Task DeleteDraftAsync(string patientId, string questionnaireId, long expectedRevision, CancellationToken ct = default);

    /// <summary>
    /// Runs one use case's writes (<see cref="IRecordWriter"/>) as one transaction: every write lands, or none does
    /// (an exception rolls them all back and is rethrown). Use it wherever a use case writes more than once.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IRecordWriter, T> work, CancellationToken ct = default);

    /// <summary>
    /// In one step: stores <paramref name="submission"/> and deletes the draft it was made from, provided the draft
    /// still has <paramref name="draftKey"/> and <paramref name="expectedRevision"/>. When a submission was already
    /// made from that draft key for the same patient, returns it (not new) and writes nothing, so a repeated or
    /// concurrent submit never makes two. Otherwise a changed or missing draft is a
    /// <see cref="ConflictKind.StaleRevision"/> conflict.
    /// </summary>
    Task<DraftSubmission> SubmitDraftAsync(NewSubmission submission, string draftKey, long expectedRevision,
        CancellationToken ct = default);

    // Submissions

    /// <summary>Stores a submission with status New, a fresh id and a unique short reference.</summary>
    Task<Submission> AddSubmissionAsync(NewSubmission submission, CancellationToken ct = default);

    /// <summary>The submission with this id, or null.</summary>
    Task<Submission?> GetSubmissionAsync(string id, CancellationToken ct = default);

    /// <summary>The submission with this reference (ignoring case), or null.</summary>
    Task<Submission?> FindSubmissionByReferenceAsync(string reference, CancellationToken ct = default);

    /// <summary>A patient's submissions, newest first.</summary>
    Task<IReadOnlyList<Submission>> ListSubmissionsForPatientAsync(string patientId, CancellationToken ct = default);

    /// <summary>The review queue: submissions in any of these statuses, highest flag first, then oldest first.</summary>
    Task<IReadOnlyList<Submission>> ListSubmissionsByStatusAsync(
        IReadOnlyCollection<SubmissionStatus> statuses, int limit, CancellationToken ct = default);

    /// <summary>The submissions waiting (new or in review), counted per flag level with the oldest's time: one query,
    /// for the count every clinician page shows. Levels with none waiting are left out.</summary>
    Task<WaitingSummary> SummariseWaitingAsync(CancellationToken ct = default);

    /// <summary>Moves a submission from <paramref name="expected"/> to <paramref name="next"/> if it is still in
    /// <paramref name="expected"/> and <see cref="SubmissionWorkflow"/> allows the move.</summary>
    Task<Submission> ChangeSubmissionStatusAsync(string submissionId, SubmissionStatus expected, SubmissionStatus next,
        string byId, string? note, CancellationToken ct = default);

    /// <summary>Files a submission: in one step, adds the accepted entries to the record and marks it Filed. A
    /// submission already filed (or not fileable) is an <see cref="ConflictKind.AlreadyFiled"/> or
    /// <see cref="ConflictKind.StatusMoved"/> conflict and nothing is written.</summary>
    Task<Submission> FileSubmissionAsync(string submissionId, string filedBy, IReadOnlyList<NewRecordEntry> entries,
        CancellationToken ct = default);

    // Record entries (append-only: there is deliberately no update method)

    /// <summary>Adds an entry to a patient's record.</summary>
    Task<RecordEntry> AddRecordEntryAsync(NewRecordEntry entry, CancellationToken ct = default);

    /// <summary>Adds <paramref name="replacement"/> as a correction of entry <paramref name="supersededId"/>, which
    /// stays as it was; an entry already superseded is a conflict.</summary>
    Task<RecordEntry> SupersedeRecordEntryAsync(string supersededId, NewRecordEntry replacement, CancellationToken ct = default);

    /// <summary>The entry with this id, or null.</summary>
    Task<RecordEntry?> GetRecordEntryAsync(string id, CancellationToken ct = default);

    /// <summary>A patient's record, oldest first; superseded entries only when asked for.</summary>
    Task<IReadOnlyList<RecordEntry>> ListRecordEntriesAsync(string patientId, bool includeSuperseded = false,
        CancellationToken ct = default);

    // Messages

    /// <summary>Stores a message to a patient.</summary>
    Task<PatientMessage> AddMessageAsync(NewMessage message, CancellationToken ct = default);

    /// <summary>A patient's messages, newest first.</summary>
    Task<IReadOnlyList<PatientMessage>> ListMessagesAsync(string patientId, CancellationToken ct = default);

    /// <summary>Marks a message read (the first time only; later calls keep the first time).</summary>
    Task<PatientMessage> MarkMessageReadAsync(string messageId, CancellationToken ct = default);

    // Proxy grants

    /// <summary>Records a patient's consent for a carer to act for them. There is at most one active grant per
    /// patient and carer: when one exists, its rights and end are changed to these and it is returned (same id).
    /// <paramref name="expiresAt"/>: when it ends by itself, or null for no end.</summary>
    Task<ProxyGrant> AddProxyGrantAsync(string patientId, string carerId, bool canFill, bool canViewRecord,
        CancellationToken ct = default, DateTimeOffset? expiresAt = null);

    /// <summary>Revokes a grant, which ends the carer's access for that patient; revoking one already revoked keeps
    /// the first time.</summary>
    Task<ProxyGrant> RevokeProxyGrantAsync(string grantId, CancellationToken ct = default);

    /// <summary>Every grant a patient has made, active or not.</summary>
    Task<IReadOnlyList<ProxyGrant>> ListProxyGrantsForPatientAsync(string patientId, CancellationToken ct = default);

    /// <summary>The grants that let this carer act now (not revoked, not past their end).</summary>
    Task<IReadOnlyList<ProxyGrant>> ListActiveProxyGrantsForCarerAsync(string carerId, CancellationToken ct = default);

    // Questionnaire assignments

    /// <summary>Asks a patient to fill in a questionnaire.</summary>
    Task<Assignment> AddAssignmentAsync(NewAssignment assignment, CancellationToken ct = default);

    /// <summary>A patient's assignments, earliest due first (no due date last).</summary>
    Task<IReadOnlyList<Assignment>> ListAssignmentsAsync(string patientId, CancellationToken ct = default);

    /// <summary>Every open assignment of every patient, earliest due first (no due date last): for the review queue.</summary>
    Task<IReadOnlyList<Assignment>> ListOpenAssignmentsAsync(CancellationToken ct = default);

    /// <summary>Moves an assignment from <paramref name="expected"/> to <paramref name="next"/> (compare-and-set).</summary>
    Task<Assignment> ChangeAssignmentStatusAsync(string assignmentId, AssignmentStatus expected, AssignmentStatus next,
        CancellationToken ct = default);

    // Where a person last looked (the review queue, say), so a page can say what is new since then

    /// <summary>Records that <paramref name="personId"/> looked at <paramref name="place"/> now, and returns when they
    /// looked before (null the first time).</summary>
    Task<DateTimeOffset?> RecordVisitAsync(string personId, string place, CancellationToken ct = default);

    // Ended sessions (sign-out)

    /// <summary>Records that the session <paramref name="sessionId"/> was ended (signed out), so a copy of its cookie
    /// is refused until <paramref name="until"/>, when the cookie would have expired anyway.</summary>
    Task EndSessionAsync(string sessionId, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>The sessions ended whose cookies could still be presented at <paramref name="now"/>, with their limits.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ListEndedSessionsAsync(DateTimeOffset now, CancellationToken ct = default);

        // Questionnaire archive (write-once by content hash)

    /// <summary>Keeps the files of one questionnaire version under its content hash; a hash already archived keeps
    /// what was stored first and returns it.</summary>
    Task<ArchivedQuestionnaire> ArchiveQuestionnaireAsync(string hash, string id, string version,
        IReadOnlyList<QuestionnaireSourceFile> files, CancellationToken ct = default);

    /// <summary>The archived version with this content hash, or null.</summary>
    Task<ArchivedQuestionnaire?> GetArchivedQuestionnaireAsync(string hash, CancellationToken ct = default);

    // Audit trail (append-only, hash-chained)

    /// <summary>Appends an event to the audit trail, chained to the one before it.</summary>
    Task<AuditEvent> AppendAuditAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>The most recent events, newest first, for one patient or for everyone.</summary>
    Task<IReadOnlyList<AuditEvent>> ListAuditAsync(string? patientId, int limit, CancellationToken ct = default);

    /// <summary>Events matching every filter given (patient, actor, time range), newest first, at most
    /// <see cref="AuditQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> SearchAuditAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>Recomputes the whole chain and reports the first event that was changed, removed or inserted.</summary>
    Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default);
}
