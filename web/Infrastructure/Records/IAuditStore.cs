using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>The audit trail: append-only and hash-chained (<see cref="AuditChain"/>).</summary>
public interface IAuditStore
{
    /// <summary>Appends an event to the audit trail, chained to the one before it.</summary>
    Task<AuditEvent> AppendAuditAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>The most recent events, newest first, for one patient or for everyone (of one practice, with
    /// <paramref name="practiceId"/>).</summary>
    Task<IReadOnlyList<AuditEvent>> ListAuditAsync(string? patientId, int limit, CancellationToken ct = default, string? practiceId = null);

    /// <summary>Events matching every filter given (practice, patient, actor, time range), newest first, at most
    /// <see cref="AuditQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> SearchAuditAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>Recomputes the whole chain and reports the first event that was changed, removed or inserted.</summary>
    Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default);
}
