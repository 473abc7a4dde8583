using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>The audit trail: append-only and hash-chained (<see cref="AuditChain"/>).</summary>
public interface IAuditStore
{
    /// <summary>Appends an event to its practice's audit trail (its patient's practice, or when it is about no patient its
    /// actor's), chained to that practice's event before it.</summary>
    Task<AuditEvent> AppendAuditAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>The most recent events, newest first, for one patient or for everyone (of one practice, with
    /// <paramref name="practiceId"/>).</summary>
    Task<IReadOnlyList<AuditEvent>> ListAuditAsync(string? patientId, int limit, CancellationToken ct = default, string? practiceId = null);

    /// <summary>Events matching every filter given (practice, patient, actor, time range), newest first, at most
    /// <see cref="AuditQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> SearchAuditAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>Recomputes a practice's chain (<paramref name="practiceId"/>), or every practice's one after another, and
    /// reports the first event that was changed, removed or inserted (and in which practice's chain). Each practice's
    /// events are chained on their own, so one practice's trail can be moved in or out and still verify.</summary>
    Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default, string? practiceId = null);
}
