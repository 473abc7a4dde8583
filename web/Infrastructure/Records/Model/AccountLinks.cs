namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>What a one-time link issued by the practice lets its holder do: set the password of a new account
/// (an invitation) or set a new one for an account that has one (a reset). Either way the holder chooses a password.</summary>
public enum AccountLinkPurpose
{
    Invitation,
    PasswordReset,
}

/// <summary>A link to issue. The store keeps only <paramref name="TokenHash"/> (SHA-256 of the token in the link), so
/// the link itself is never stored and cannot be read back from the store.</summary>
public sealed record NewAccountLink(string PersonId, AccountLinkPurpose Purpose, string TokenHash, string IssuedById,
    DateTimeOffset ExpiresAt);

/// <summary>
/// A one-time link as the store keeps it: usable once, until <see cref="ExpiresAt"/>, and only while no later link was
/// issued for the same person (issuing one cancels those still open).
/// </summary>
public sealed record AccountLink(
    string Id,
    string PersonId,
    AccountLinkPurpose Purpose,
    string TokenHash,
    string IssuedById,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    DateTimeOffset? CancelledAt)
{
    /// <summary>True while the link can still be used at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now) => UsedAt is null && CancelledAt is null && now < ExpiresAt;

    /// <summary>Refuses a link that is no longer open, saying why (<see cref="ConflictKind.LinkClosed"/>).</summary>
    public void EnsureOpen(DateTimeOffset now)
    {
        if (!IsOpen(now))
            throw new RecordConflictException(ConflictKind.LinkClosed,
                $"Cannot use the {Purpose} link issued at {IssuedAt:u}: it was " +
                (UsedAt is not null ? "used already." : CancelledAt is not null ? "replaced by a newer link." : "past its expiry."));
    }
}

/// <summary>How many submissions wait at one flag level (new or in review), and since when the oldest has.</summary>
public sealed record WaitingLevel(FlagLevel Level, int Count, DateTimeOffset OldestSubmittedAt);

/// <summary>The waiting submissions summed up per flag level: one store query for the count every clinician page shows.</summary>
public sealed record WaitingSummary(IReadOnlyList<WaitingLevel> Levels)
{
    /// <summary>How many wait at this level.</summary>
    public int Count(FlagLevel level) => Levels.FirstOrDefault(l => l.Level == level)?.Count ?? 0;

    /// <summary>How many wait in all.</summary>
    public int Total => Levels.Sum(l => l.Count);

    /// <summary>When the oldest waiting submission (any level) was sent, or null when none waits.</summary>
    public DateTimeOffset? OldestSubmittedAt => Levels.Count == 0 ? null : Levels.Min(l => l.OldestSubmittedAt);
}
