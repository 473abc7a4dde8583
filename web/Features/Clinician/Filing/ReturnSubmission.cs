using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>
/// Returning a submission to the patient, as one unit of work: the status (through In review when it was New), the
/// GP's message saying what more is needed, and the questionnaire asked for again on the patient's home page (due in a
/// week, unless it is already asked for), each with its audit entry, land together or not at all.
/// </summary>
public static class ReturnSubmission
{
    /// <summary>Returns <paramref name="submission"/> with the message; <paramref name="askAgainDue"/> is when the
    /// questionnaire is asked for again, null when it cannot be (no longer offered); <paramref name="pages"/> are the
    /// pages the patient is asked to look at again (none: the patient is taken to their answers to check).</summary>
    public static Task<Submission> RunAsync(IRecordStore store, Submission submission, string clinicianId,
        (string Subject, string Body) message, DateOnly? askAgainDue, CancellationToken ct, PageIds? pages = null) =>
        store.WriteAsync(w =>
        {
            var from = submission.Status;
            if (from == SubmissionStatus.New)
            {
                SubmissionDecisions.Move(w, submission, SubmissionStatus.New, SubmissionStatus.InReview, clinicianId, "opened");
                from = SubmissionStatus.InReview;
            }
            var returned = SubmissionDecisions.Move(w, submission, from, SubmissionStatus.Returned, clinicianId, message.Body, pages: pages);
            SubmissionDecisions.Message(w, submission, clinicianId, message);
            var open = w.ListAssignments(submission.PatientId)
                .Any(a => a.Status == AssignmentStatus.Open && a.QuestionnaireId == submission.Questionnaire.Id);
            if (!open && askAgainDue is { } due)
            {
                w.AddAssignment(new NewAssignment(submission.PatientId, submission.Questionnaire.Id, due, clinicianId));
                w.AppendAudit(new AuditEntry(clinicianId, ReviewAudit.Assigned, submission.PatientId,
                    $"{submission.Questionnaire.Id} due {due:yyyy-MM-dd} (returned {submission.Reference})"));
            }
            return returned;
        }, ct);
}
