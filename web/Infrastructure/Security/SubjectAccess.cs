using System.Security.Claims;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>What someone wants to do with a patient's data.</summary>
public enum SubjectRight
{
    /// <summary>Fill in questionnaires, see and continue drafts, and see what was sent. A carer whose grant only lets
    /// them see the record has no part in drafts: they neither see nor start one.</summary>
    Fill,
    /// <summary>See the record and messages from the practice.</summary>
    ViewRecord,
    /// <summary>Decide who may act for the patient: the patient alone.</summary>
    ManageCarers,
}

/// <summary>The patient whose data a request is about, and the person actually asking (the same, or a carer).</summary>
public sealed record Subject(Person Patient, string ActorId, string ActorName)
{
    public bool IsSelf => Patient.Id == ActorId;
}

/// <summary>The answer to "may this person do this with this patient's data?".</summary>
public enum AccessOutcome
{
    Allowed,
    /// <summary>Not theirs and nothing to show: answer 404, so an id says nothing about whether it exists.</summary>
    NotFound,
    /// <summary>A carer the patient knows, without the right needed (or whose grant was revoked): refuse.</summary>
    Refused,
}

/// <summary>
/// Decides, on every request, whose data a request may touch. A patient acts for themselves only; a carer for a
/// patient whose active grant allows the right asked for (a grant past its end allows nothing). Grants are read from
/// the store each time, so a revocation takes effect on the carer's very next request.
/// </summary>
public sealed class SubjectAccess(IRecordStore store, TimeProvider clock)
{
    public async Task<(AccessOutcome Outcome, Subject? Subject)> CheckAsync(ClaimsPrincipal user, string patientId,
        SubjectRight right, CancellationToken ct)
    {
        var actorId = user.PersonId();
        var actorName = user.Identity?.Name ?? "";
        switch (user.RoleOf())
        {
            case Role.Patient when patientId == actorId:
                return await Found(patientId, actorId, actorName, ct);
            case Role.Proxy when right != SubjectRight.ManageCarers:
                var grants = (await store.ListProxyGrantsForPatientAsync(patientId, ct)).Where(g => g.CarerId == actorId).ToList();
                if (grants.Count == 0)
                    return (AccessOutcome.NotFound, null);
                var now = clock.GetUtcNow();
                var allowed = grants.Any(g => g.IsActiveAt(now) && (right == SubjectRight.Fill ? g.CanFill : g.CanViewRecord));
                return allowed ? await Found(patientId, actorId, actorName, ct) : (AccessOutcome.Refused, null);
            default:
                return (AccessOutcome.NotFound, null);
        }
    }

    private async Task<(AccessOutcome, Subject?)> Found(string patientId, string actorId, string actorName, CancellationToken ct) =>
        await store.GetPersonAsync(patientId, ct) is { Role: Role.Patient } patient
            ? (AccessOutcome.Allowed, new Subject(patient, actorId, actorName))
            : (AccessOutcome.NotFound, null);
}
