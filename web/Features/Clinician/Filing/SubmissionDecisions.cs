using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>
/// The writes every decision on a submission shares, made inside the decision's one unit of work: a status change with
/// its audit entry, and a message to the patient with its own.
/// </summary>
internal static class SubmissionDecisions
{
    /// <summary>Moves the submission on and audits it; <paramref name="auditNote"/> puts the note in the audit trail too
    /// (a close's reason and confirmation; a return's message is audited as a message instead).</summary>
    public static Submission Move(IRecordWriter w, Submission submission, SubmissionStatus from, SubmissionStatus to,
        string clinicianId, string? note, bool auditNote = false, PageIds? pages = null)
    {
        var moved = w.ChangeSubmissionStatus(submission.Id, from, to, clinicianId, note, pages);
        w.AppendAudit(new AuditEntry(clinicianId, ReviewAudit.StatusChanged, submission.PatientId,
            $"{submission.Reference} {from} -> {to}" + (auditNote ? $": {note}" : "")
            + (pages is { Count: > 0 } ? $" (pages {pages})" : "")));
        return moved;
    }

    /// <summary>Sends the clinician's message about the submission to the patient; nothing when its body is blank.</summary>
    public static void Message(IRecordWriter w, Submission submission, string clinicianId, (string Subject, string? Body) message)
    {
        if (string.IsNullOrWhiteSpace(message.Body))
            return;
        var sent = w.AddMessage(new NewMessage(submission.PatientId, clinicianId, message.Subject, message.Body.Trim(), submission.Id));
        w.AppendAudit(new AuditEntry(clinicianId, ReviewAudit.MessageSent, submission.PatientId, $"{submission.Reference} message {sent.Id}"));
    }
}
