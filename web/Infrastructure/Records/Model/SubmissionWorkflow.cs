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

    // The checks every store makes on the submission as it now is, under its transaction, written once so that the
    // stores cannot differ.

    /// <summary>Refuses a status change when the submission has moved on from <paramref name="expected"/> or the
    /// move is not allowed.</summary>
    public static void EnsureCanMove(Submission current, SubmissionStatus expected, SubmissionStatus next)
    {
        if (current.Status != expected)
            throw new RecordConflictException(
                current.Status == SubmissionStatus.Filed ? ConflictKind.AlreadyFiled : ConflictKind.StatusMoved,
                $"Cannot move submission {current.Reference} from {expected} to {next}: it is now {current.Status}.");
        if (!CanMove(current.Status, next))
            throw new RecordConflictException(ConflictKind.StatusMoved,
                $"Cannot move submission {current.Reference} from {current.Status} to {next}: that move is not allowed.");
    }

    /// <summary>Refuses filing a submission filed before, or no longer open to filing, or entries of another patient.</summary>
    public static void EnsureCanFile(Submission current, IReadOnlyList<NewRecordEntry> entries)
    {
        if (current.Status == SubmissionStatus.Filed || current.History.Any(h => h.To == SubmissionStatus.Filed))
            throw new RecordConflictException(ConflictKind.AlreadyFiled,
                $"Cannot file submission {current.Reference}: it has already been filed.");
        if (!CanFile(current.Status))
            throw new RecordConflictException(ConflictKind.StatusMoved,
                $"Cannot file submission {current.Reference}: it is {current.Status}.");
        if (entries.Any(e => e.PatientId != current.PatientId))
            throw new ArgumentException("Every entry filed from a submission must be for the submission's patient.", nameof(entries));
    }
}
