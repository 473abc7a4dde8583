namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>Something to write to the audit trail: who did what, to whose data, and any details.</summary>
public sealed record AuditEntry(string ActorId, string Action, string? PatientId, string? Details);

/// <summary>
/// One link in the append-only audit trail. <see cref="Hash"/> is SHA-256 over this event and
/// <see cref="PreviousHash"/>, so changing or removing an earlier event breaks every later link.
/// </summary>
public sealed record AuditEvent(
    long Sequence,
    DateTimeOffset At,
    string ActorId,
    string Action,
    string? PatientId,
    string? Details,
    string PreviousHash,
    string Hash)
{
    /// <summary>The practice whose chain the event is in: its patient's, or when it is about no patient its actor's.
    /// Each practice's events are numbered (<see cref="Sequence"/>) and chained on their own. Not part of the hash, so a
    /// trail from before practices (all the default practice's) verifies as it did.</summary>
    public string PracticeId { get; init; } = Practice.DefaultId;
}

/// <summary>The outcome of checking the audit chain: intact, or where it first breaks and why.</summary>
public sealed record AuditVerification(bool IsIntact, long EventsChecked, long? FirstBrokenSequence, string? Problem)
{
    /// <summary>When checking every practice's chain: the practice whose chain breaks (null when intact).</summary>
    public string? PracticeId { get; init; }

    /// <summary>A chain with no broken link.</summary>
    public static AuditVerification Intact(long count) => new(true, count, null, null);

    /// <summary>A chain that breaks at <paramref name="sequence"/>.</summary>
    public static AuditVerification Broken(long checkedCount, long sequence, string problem) =>
        new(false, checkedCount, sequence, problem);
}

/// <summary>What to look for in the audit trail; a null filter matches everything. <see cref="From"/> is inclusive,
/// <see cref="To"/> exclusive.</summary>
public sealed record AuditQuery(string? PatientId, string? ActorId, DateTimeOffset? From, DateTimeOffset? To, int Limit = 500)
{
    /// <summary>Only the events of one practice: those about its patients, or (about no patient) done by its people.</summary>
    public string? PracticeId { get; init; }
}
