using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>The draft a submission was made from (so a repeated submit finds the first submission).</summary>
public sealed record SubmittedDraft(string DraftKey, string PatientId, string SubmissionId);

/// <summary>When a person last opened a place (their record, their messages): what is new since is marked.</summary>
public sealed record Visit(string PersonId, string Place, DateTimeOffset At);

/// <summary>A signed-out session whose cookie could be presented until <see cref="Until"/>.</summary>
public sealed record EndedSession(string SessionId, DateTimeOffset Until);

/// <summary>A practice's audit chain's head: its last event's sequence and hash (see <see cref="AuditChain"/>).</summary>
public sealed record AuditHead(long Sequence, string Hash, string PracticeId);

/// <summary>
/// Everything one store holds, aggregate by aggregate, exactly as stored (ids, times, statuses, hashes), for moving a
/// practice from one backend to another (<c>migrate-store</c>, docs/operations.md). The sequences are read lazily,
/// each once, in the order listed, so a large store is streamed rather than held in memory.
/// </summary>
public sealed record StoreContents(
    IEnumerable<Practice> Practices,
    IEnumerable<Person> People,
    IEnumerable<TwoFactorEnrolment> TwoFactor,
    IEnumerable<AccountLink> AccountLinks,
    IEnumerable<Draft> Drafts,
    IEnumerable<Submission> Submissions,
    IEnumerable<SubmittedDraft> SubmittedDrafts,
    IEnumerable<RecordEntry> Entries,
    IEnumerable<PatientMessage> Messages,
    IEnumerable<ProxyGrant> Grants,
    IEnumerable<Assignment> Assignments,
    IEnumerable<PlanAlert> PlanAlerts,
    IEnumerable<Visit> Visits,
    IEnumerable<EndedSession> EndedSessions,
    IEnumerable<ArchivedQuestionnaire> Archive,
    IEnumerable<AuditEvent> Audit,
    IEnumerable<AuditHead> AuditHeads);
