using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>
/// Filing a submission into the patient's record, as one unit of work: the entries, the Filed status, the audit entry
/// and the message to the patient (with its own audit entry) land together or not at all, so a crash cannot leave a
/// filed entry without its audit event or a filing without the message the GP wrote.
/// </summary>
public static class FileSubmission
{
    /// <summary>Files <paramref name="entries"/> from <paramref name="submission"/>; <paramref name="edited"/> is how
    /// many of them the clinician changed from the proposed value (for the audit), and <paramref name="message"/> the
    /// message to the patient with its subject (nothing is sent when its body is blank).</summary>
    public static Task<Submission> RunAsync(IRecordStore store, Submission submission, string clinicianId,
        IReadOnlyList<NewRecordEntry> entries, int edited, (string Subject, string? Body) message, CancellationToken ct) =>
        store.WriteAsync(w =>
        {
            var filed = w.FileSubmission(submission.Id, clinicianId, entries);
            w.AppendAudit(new AuditEntry(clinicianId, ReviewAudit.Filed, submission.PatientId,
                $"{submission.Reference} {entries.Count} entries filed ({edited} edited): " +
                string.Join("; ", entries.Select(e => $"{e.Code}={e.Value}"))));
            SubmissionDecisions.Message(w, submission, clinicianId, message);
            return filed;
        }, ct);
}
