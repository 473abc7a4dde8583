using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>
/// Closing a submission without filing, as one unit of work: the Closed status with the reason (and, for an urgent or
/// emergency flag, how it was dealt with) in the audit trail, and the optional message to the patient.
/// </summary>
public static class CloseSubmission
{
    public static Task<Submission> RunAsync(IRecordStore store, Submission submission, string clinicianId, string note,
        (string Subject, string? Body) message, CancellationToken ct) =>
        store.WriteAsync(w =>
        {
            var closed = SubmissionDecisions.Move(w, submission, submission.Status, SubmissionStatus.Closed, clinicianId, note, auditNote: true);
            SubmissionDecisions.Message(w, submission, clinicianId, message);
            return closed;
        }, ct);
}
