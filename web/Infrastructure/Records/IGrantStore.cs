using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>Carers' grants (a patient's consent for a carer to act for them) and questionnaire assignments.</summary>
public interface IGrantStore
{
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

    /// <summary>Asks a patient to fill in a questionnaire.</summary>
    Task<Assignment> AddAssignmentAsync(NewAssignment assignment, CancellationToken ct = default);

    /// <summary>A patient's assignments, earliest due first (no due date last).</summary>
    Task<IReadOnlyList<Assignment>> ListAssignmentsAsync(string patientId, CancellationToken ct = default);

    /// <summary>Every open assignment of every patient (of one practice, with <paramref name="practiceId"/>), earliest
    /// due first (no due date last): for the review queue.</summary>
    Task<IReadOnlyList<Assignment>> ListOpenAssignmentsAsync(CancellationToken ct = default, string? practiceId = null);
}
