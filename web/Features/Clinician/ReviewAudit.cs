using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>The audit actions the clinician side writes, in one place so the admin search and tests agree.</summary>
public static class ReviewAudit
{
    public const string QueueViewed = "viewed-review-queue";
    public const string SubmissionViewed = "submission.viewed";
    public const string StatusChanged = "submission.status";
    public const string Filed = "submission.filed";
    public const string FhirBundle = "submission.fhir-bundle";
    public const string MessageSent = "message.sent";
    public const string RecordViewed = "record.viewed";
    public const string PatientsListed = "patients.listed";
    public const string EntryCorrected = "record.entry-corrected";
    public const string EntryAdded = "record.entry-added";
    public const string Assigned = "assignment.added";
    public const string PlanAlertReviewed = "care-plan.alert-reviewed";
    public const string CarerAccessGranted = "proxy.granted-by-practice";
    public const string ParentAccessGranted = CarerAccessGranted;
    public const string CarerAccessStopped = "proxy.revoked-by-practice";
    public const string CarerRegistered = "person.carer-registered";
    public const string PatientRegistered = "person.registered";
    public const string DetailsChanged = "person.details-changed";
    public const string LinkIssued = "account-link.issued";
    public const string LinkUsed = Infrastructure.Security.AccountLinkTokens.UsedAction;
    public const string LinkRefused = Infrastructure.Security.AccountLinkTokens.RefusedAction;

    public static Task WriteAsync(IAuditStore store, string actorId, string action, string? patientId, string details,
        CancellationToken ct) => store.AppendAuditAsync(new AuditEntry(actorId, action, patientId, details), ct);
}
