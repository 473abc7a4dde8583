using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>A clinician takes a new submission into review, so colleagues see someone has it: the status and its
/// audit entry as one unit of work.</summary>
public static class StartReview
{
    public static Task<Submission> RunAsync(IRecordStore store, Submission submission, string clinicianId, CancellationToken ct) =>
        store.WriteAsync(w => SubmissionDecisions.Move(w, submission, SubmissionStatus.New, SubmissionStatus.InReview, clinicianId,
            "taken into review"), ct);
}
