namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>A clinician's or admin's second factor: the TOTP secret, the hashes of the recovery codes not yet used,
/// and the last time step a code was accepted for (so a code cannot be used twice).</summary>
public sealed record TwoFactorEnrolment(
    string PersonId,
    string Secret,
    IReadOnlyList<string> RecoveryCodeHashes,
    long LastUsedStep,
    DateTimeOffset EnrolledAt);

/// <summary>
/// Where second factors are kept. A port of its own beside <see cref="IRecordStore"/> (the same backend implements
/// both) so that two-factor sign-in does not widen the record store's contract. Every change is compare-and-set.
/// </summary>
public interface ITwoFactorStore
{
    /// <summary>The person's enrolment, or null when they have none.</summary>
    Task<TwoFactorEnrolment?> GetTwoFactorAsync(string personId, CancellationToken ct = default);

    /// <summary>Enrols a person whose first code (at <paramref name="firstStep"/>) has just been checked; a person
    /// already enrolled is a <see cref="ConflictKind.StatusMoved"/> conflict and nothing changes.</summary>
    Task<TwoFactorEnrolment> EnrolTwoFactorAsync(string personId, string secret, IReadOnlyList<string> recoveryCodeHashes,
        long firstStep, CancellationToken ct = default);

    /// <summary>Accepts a code's time step once: true when it is later than every step used before (and records it).</summary>
    Task<bool> UseTotpStepAsync(string personId, long step, CancellationToken ct = default);

    /// <summary>Uses up a recovery code: true when its hash was there (and removes it).</summary>
    Task<bool> UseRecoveryCodeAsync(string personId, string codeHash, CancellationToken ct = default);

    /// <summary>Removes an enrolment (an admin resetting a lost phone); the person enrols again at next sign-in.</summary>
    Task RemoveTwoFactorAsync(string personId, CancellationToken ct = default);
}
