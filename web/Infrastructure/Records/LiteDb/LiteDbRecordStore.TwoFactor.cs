using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore : ITwoFactorStore
{
    private const string TwoFactor = "two_factor";

    public Task<TwoFactorEnrolment?> GetTwoFactorAsync(string personId, CancellationToken ct = default) =>
        Read(ct, () => FindById(Collection(TwoFactor), personId) is { } doc ? ToEnrolment(doc) : null);

    public Task<TwoFactorEnrolment> EnrolTwoFactorAsync(string personId, string secret,
        IReadOnlyList<string> recoveryCodeHashes, long firstStep, CancellationToken ct = default) => Write(ct, () =>
    {
        if (FindById(Collection(People), personId) is null)
            throw new RecordNotFoundException("person", personId);
        if (FindById(Collection(TwoFactor), personId) is not null)
            throw new RecordConflictException(ConflictKind.StatusMoved,
                $"Cannot enrol '{personId}' for two-factor sign-in: they are already enrolled.");
        var enrolment = new TwoFactorEnrolment(personId, secret, recoveryCodeHashes, firstStep, Now());
        Collection(TwoFactor).Insert(ToDocument(enrolment));
        return enrolment;
    });

    public Task<bool> UseTotpStepAsync(string personId, long step, CancellationToken ct = default) =>
        UpdateEnrolment(ct, personId, e => step > e.LastUsedStep ? e with { LastUsedStep = step } : null);

    public Task<bool> UseRecoveryCodeAsync(string personId, string codeHash, CancellationToken ct = default) =>
        UpdateEnrolment(ct, personId, e => e.RecoveryCodeHashes.Contains(codeHash, StringComparer.Ordinal)
            ? e with { RecoveryCodeHashes = [.. e.RecoveryCodeHashes.Where(h => h != codeHash)] }
            : null);

    public Task RemoveTwoFactorAsync(string personId, CancellationToken ct = default) =>
        Write(ct, () => Collection(TwoFactor).Delete(personId));

    /// <summary>Applies a change that may refuse (null); false when refused or when there is no enrolment.</summary>
    private Task<bool> UpdateEnrolment(CancellationToken ct, string personId, Func<TwoFactorEnrolment, TwoFactorEnrolment?> change) =>
        Write(ct, () =>
        {
            if (FindById(Collection(TwoFactor), personId) is not { } doc || change(ToEnrolment(doc)) is not { } updated)
                return false;
            Collection(TwoFactor).Update(ToDocument(updated));
            return true;
        });

    private static BsonDocument ToDocument(TwoFactorEnrolment e) => new()
    {
        ["_id"] = e.PersonId,
        ["secret"] = e.Secret,
        ["recoveryCodeHashes"] = new BsonArray(e.RecoveryCodeHashes.Select(h => new BsonValue(h))),
        ["lastUsedStep"] = e.LastUsedStep,
        ["enrolledAt"] = Bson.Time(e.EnrolledAt),
    };

    private static TwoFactorEnrolment ToEnrolment(BsonDocument d) => new(
        d["_id"].AsString,
        d["secret"].AsString,
        [.. d["recoveryCodeHashes"].AsArray.Select(v => v.AsString)],
        d["lastUsedStep"].AsInt64,
        Bson.ReadTime(d["enrolledAt"]));
}
