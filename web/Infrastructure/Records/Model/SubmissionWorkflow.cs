namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>The moves a submission may make between statuses; every store backend enforces the same table.</summary>
public static class SubmissionWorkflow
{
    private static readonly Dictionary<SubmissionStatus, SubmissionStatus[]> Moves = new()
    {
        [SubmissionStatus.New] = [SubmissionStatus.InReview, SubmissionStatus.Closed],
        // A clinician may put a submission back in the queue for a colleague.
        [SubmissionStatus.InReview] = [SubmissionStatus.New, SubmissionStatus.Returned, SubmissionStatus.Closed],
        [SubmissionStatus.Returned] = [SubmissionStatus.InReview, SubmissionStatus.Closed],
        // Filed is final: what was filed stays in the record (corrections supersede entries), so there is nothing
        // left to close, and closing would hide that the submission was filed.
        [SubmissionStatus.Filed] = [],
        [SubmissionStatus.Closed] = [],
    };

    /// <summary>True when a status change from <paramref name="from"/> to <paramref name="to"/> is allowed
    /// (filing is not a status change: it goes through the store's filing method).</summary>
    public static bool CanMove(SubmissionStatus from, SubmissionStatus to) => Moves[from].Contains(to);

    /// <summary>True when a submission in this status may be filed into the record.</summary>
    public static bool CanFile(SubmissionStatus status) =>
        status is SubmissionStatus.New or SubmissionStatus.InReview;
}
