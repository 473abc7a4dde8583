using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// One use case, one database transaction: the writer runs each write on the transaction WriteAsync opened.
internal sealed partial class PostgreSqlRecordStore
{
    private sealed class Writer(PostgreSqlRecordStore store, Db db) : IRecordWriter
    {
        public Person AddPerson(NewPerson person) => store.InsertPerson(db, person);

        public Person UpdatePersonDetails(string personId, PersonDetails details) => store.UpdateDetails(db, personId, details);

        public AccountLink IssueAccountLink(NewAccountLink link) => store.IssueLink(db, link);

        public ProxyGrant AddProxyGrant(string patientId, string carerId, bool canFill, bool canViewRecord, DateTimeOffset? expiresAt) =>
            store.AddGrant(db, patientId, carerId, canFill, canViewRecord, expiresAt);

        public (Person Person, AccountLink Link) UseAccountLink(string tokenHash, string passwordHash) =>
            store.UseLink(db, tokenHash, passwordHash);

        public DraftSubmission SubmitDraft(NewSubmission submission, string draftKey, long expectedRevision) =>
            store.SubmitDraft(db, submission, draftKey, expectedRevision);

        public Submission FileSubmission(string submissionId, string filedBy, IReadOnlyList<NewRecordEntry> entries) =>
            store.FileEntries(db, submissionId, filedBy, entries);

        public Submission ChangeSubmissionStatus(string submissionId, SubmissionStatus expected, SubmissionStatus next,
            string byId, string? note, PageIds? pages = null) => store.ChangeStatus(db, submissionId, expected, next, byId, note, pages);

        public RecordEntry SupersedeRecordEntry(string supersededId, NewRecordEntry replacement) =>
            store.Supersede(db, supersededId, replacement);

        public RecordEntry AddRecordEntry(NewRecordEntry entry) => store.InsertEntry(db, entry, supersedesId: null);

        public RecordEntry? AddRecordEntryUnlessRepeated(NewRecordEntry entry, TimeSpan within) =>
            store.InsertEntryUnlessRepeated(db, entry, within);

        public Assignment AddAssignment(NewAssignment assignment) => store.AddAssignment(db, assignment);

        public PatientMessage AddMessage(NewMessage message) => store.AddMessage(db, message);

        public IReadOnlyList<Assignment> ListAssignments(string patientId) => PostgreSqlRecordStore.ListAssignments(db, patientId);

        public Assignment ChangeAssignmentStatus(string assignmentId, AssignmentStatus expected, AssignmentStatus next) =>
            PostgreSqlRecordStore.ChangeAssignmentStatus(db, assignmentId, expected, next);

        public Assignment? AddAssignmentOnce(NewAssignment assignment) => store.AddAssignmentOnce(db, assignment);

        public PlanAlert? RaisePlanAlert(NewPlanAlert alert) => store.RaisePlanAlert(db, alert);

        public PlanAlert ReviewPlanAlert(string alertId, string byId) => store.ReviewPlanAlert(db, alertId, byId);

        public AuditEvent AppendAudit(AuditEntry entry) => store.AppendAudit(db, entry);
    }
}
