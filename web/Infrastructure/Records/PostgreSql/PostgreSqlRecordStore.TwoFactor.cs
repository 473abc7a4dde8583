using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

internal sealed partial class PostgreSqlRecordStore
{
    private const string EnrolmentColumns = "person_id, secret, recovery_code_hashes, last_used_step, enrolled_at";

    private static TwoFactorEnrolment ToEnrolment(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetInt64(3), r.Time(4));

    /// <summary>An enrolment's row, in the order of <see cref="EnrolmentColumns"/>.</summary>
    private static object?[] EnrolmentRow(TwoFactorEnrolment e) =>
        [e.PersonId, e.Secret, e.RecoveryCodeHashes.ToArray(), e.LastUsedStep, e.EnrolledAt];

    public Task<TwoFactorEnrolment?> GetTwoFactorAsync(string personId, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {EnrolmentColumns} from two_factor where person_id = $1", ToEnrolment, personId));

    public Task<TwoFactorEnrolment> EnrolTwoFactorAsync(string personId, string secret,
        IReadOnlyList<string> recoveryCodeHashes, long firstStep, CancellationToken ct = default) => Write(ct, db =>
    {
        if (db.Query("select 1 from people where id = $1", _ => 1, personId).Count == 0)
            throw new RecordNotFoundException("person", personId);
        var enrolment = new TwoFactorEnrolment(personId, secret, [.. recoveryCodeHashes], firstStep, Now());
        var inserted = db.Execute($"""
            insert into two_factor ({EnrolmentColumns}) values ($1, $2, $3, $4, $5) on conflict (person_id) do nothing
            """, EnrolmentRow(enrolment));
        if (inserted == 0)
            throw new RecordConflictException(ConflictKind.StatusMoved,
                $"Cannot enrol '{personId}' for two-factor sign-in: they are already enrolled.");
        return enrolment;
    });

    // Each is one conditional UPDATE, so a code's step or a recovery code is used once even by two requests at once.
    public Task<bool> UseTotpStepAsync(string personId, long step, CancellationToken ct = default) =>
        Write(ct, db => db.Execute(
            "update two_factor set last_used_step = $2 where person_id = $1 and last_used_step < $2", personId, step) == 1);

    public Task<bool> UseRecoveryCodeAsync(string personId, string codeHash, CancellationToken ct = default) =>
        Write(ct, db => db.Execute("""
            update two_factor set recovery_code_hashes = array_remove(recovery_code_hashes, $2)
            where person_id = $1 and $2 = any(recovery_code_hashes)
            """, personId, codeHash) == 1);

    public Task RemoveTwoFactorAsync(string personId, CancellationToken ct = default) =>
        Write(ct, db => db.Execute("delete from two_factor where person_id = $1", personId));
}
