using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// One use case, one LiteDB transaction: the writer runs each write's core inside the transaction Write opens, and
// tells the draft cache what happened only once the transaction has committed (or forgets what it touched when it
// rolls back).
internal sealed partial class LiteDbRecordStore
{
    public Task<T> WriteAsync<T>(Func<IRecordWriter, T> work, CancellationToken ct = default)
    {
        var writer = new Writer(this);
        return Write(ct, () => work(writer),
            committed: _ => { foreach (var id in writer.DraftsSubmitted) _drafts.Written(id, null); },
            failed: () => { foreach (var id in writer.DraftsTouched) _drafts.Forget(id); });
    }

    private sealed class Writer(LiteDbRecordStore store) : IRecordWriter
    {
        public List<string> DraftsSubmitted { get; } = [];
        public List<string> DraftsTouched { get; } = [];

        public Person AddPerson(NewPerson person) => store.InsertPerson(person);

        public Person UpdatePersonDetails(string personId, PersonDetails details) => store.UpdateDetails(personId, details);

        public AccountLink IssueAccountLink(NewAccountLink link) => store.IssueLink(link);

        public ProxyGrant AddProxyGrant(string patientId, string carerId, bool canFill, bool canViewRecord, DateTimeOffset? expiresAt) =>
            store.AddGrant(patientId, carerId, canFill, canViewRecord, expiresAt);

        public (Person Person, AccountLink Link) UseAccountLink(string tokenHash, string passwordHash) =>
            store.UseLink(tokenHash, passwordHash);

        public DraftSubmission SubmitDraft(NewSubmission submission, string draftKey, long expectedRevision)
        {
            var id = DraftId(submission.PatientId, submission.Questionnaire.Id);
            DraftsTouched.Add(id);
            var done = store.Submit(submission, draftKey, expectedRevision, id);
            if (done.IsNew) DraftsSubmitted.Add(id);
            return done;
        }

        public Submission FileSubmission(string submissionId, string filedBy, IReadOnlyList<NewRecordEntry> entries) =>
            store.FileEntries(submissionId, filedBy, entries);

        public Submission ChangeSubmissionStatus(string submissionId, SubmissionStatus expected, SubmissionStatus next,
            string byId, string? note, PageIds? pages = null) => store.ChangeStatus(submissionId, expected, next, byId, note, pages);

        public RecordEntry SupersedeRecordEntry(string supersededId, NewRecordEntry replacement) =>
            store.Supersede(supersededId, replacement);

        public RecordEntry AddRecordEntry(NewRecordEntry entry) => store.AddEntry(entry);

        public RecordEntry? AddRecordEntryUnlessRepeated(NewRecordEntry entry, TimeSpan within) => store.AddEntryUnlessRepeated(entry, within);

        public PatientMessage AddMessage(NewMessage message) => store.AddMessage(message);

        public IReadOnlyList<Assignment> ListAssignments(string patientId) => store.ListAssignments(patientId);

        public Assignment AddAssignment(NewAssignment assignment) => store.AddAssignment(assignment);

        public Assignment ChangeAssignmentStatus(string assignmentId, AssignmentStatus expected, AssignmentStatus next) =>
            store.ChangeAssignmentStatus(assignmentId, expected, next);

        public Assignment? AddAssignmentOnce(NewAssignment assignment) => store.AddAssignmentOnce(assignment);

        public PlanAlert? RaisePlanAlert(NewPlanAlert alert) => store.RaisePlanAlert(alert);

        public PlanAlert ReviewPlanAlert(string alertId, string byId) => store.ReviewPlanAlert(alertId, byId);

        public AuditEvent AppendAudit(AuditEntry entry) => store.AppendAudit(entry);
    }
}
