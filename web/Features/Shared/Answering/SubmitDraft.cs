using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// Sending a draft to the practice, as one unit of work: the frozen submission, its audit entry and the completion of
/// what the practice asked for (an open assignment of the same questionnaire) land together or not at all. Submitting
/// the same draft again returns the first submission and writes nothing.
/// </summary>
public static class SubmitDraft
{
    public static Task<DraftSubmission> RunAsync(IRecordStore store, NewSubmission submission, string draftKey, long expectedRevision,
        string questionnaireVersion, CancellationToken ct) => store.WriteAsync(w =>
    {
        var done = w.SubmitDraft(submission, draftKey, expectedRevision);
        if (!done.IsNew) return done;
        var sent = done.Submission;
        w.AppendAudit(new AuditEntry(submission.AnsweredById, "submission.sent", submission.PatientId,
            $"{sent.Reference} {submission.Questionnaire.Id} {questionnaireVersion} flag={sent.HighestFlag}"
            + (submission.RepliesTo is { } answered ? $" answers {answered}" : "")));
        foreach (var open in w.ListAssignments(submission.PatientId)
                     .Where(a => a.QuestionnaireId == submission.Questionnaire.Id && a.Status == AssignmentStatus.Open))
            w.ChangeAssignmentStatus(open.Id, AssignmentStatus.Open, AssignmentStatus.Completed);
        return done;
    }, ct);
}
