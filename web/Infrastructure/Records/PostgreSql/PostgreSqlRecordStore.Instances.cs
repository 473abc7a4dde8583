using System.Xml.Linq;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// What several site instances share through the database (migration 0003): ended sessions, failed sign-ins per
// address, and the data-protection key ring.
internal sealed partial class PostgreSqlRecordStore : ISharedInstanceState
{
    /// <summary>The advisory lock (session level) an instance holds while it makes sure the key ring has a key, so that
    /// two instances starting together on an empty table make one key between them, not one each.</summary>
    private const long KeyRingLockKey = 0x48452D4B65793137; // "HE-Key17"

    public Task<bool> IsSessionEndedAsync(string sessionId, DateTimeOffset now, CancellationToken ct = default) =>
        Read(ct, async db => (await db.QueryAsync(ct,
            "select 1 from ended_sessions where session_id = $1 and until >= $2", r => r.GetInt32(0), sessionId, now)).Count > 0);

    public Task RecordSignInFailureAsync(string address, DateTimeOffset at, DateTimeOffset forgetUpTo, CancellationToken ct = default) =>
        Write(ct, db =>
        {
            db.Execute("delete from sign_in_failures where at <= $1", forgetUpTo);
            return db.Execute("insert into sign_in_failures (address, at) values ($1, $2)", address, at);
        });

    public Task<int> CountSignInFailuresAsync(string address, DateTimeOffset since, CancellationToken ct = default) =>
        Read(ct, async db => (await db.QueryAsync(ct,
            "select count(*) from sign_in_failures where address = $1 and at > $2", r => r.GetInt64(0), address, since))
            .Select(n => (int)Math.Min(n, int.MaxValue)).Single());

    /// <summary>Every key element stored, oldest first (data protection reads them all and picks).</summary>
    public IReadOnlyCollection<XElement> ListDataProtectionKeys() =>
        Read(CancellationToken.None, async db => await db.QueryAsync(CancellationToken.None,
            "select xml from data_protection_keys order by stored_at, name", r => XElement.Parse(r.GetString(0))))
            .GetAwaiter().GetResult();

    /// <summary>Stores one key element under its name; a name already stored keeps what was stored first.</summary>
    public void StoreDataProtectionKey(string name, XElement element) =>
        Write(CancellationToken.None, db => db.Execute("""
            insert into data_protection_keys (name, xml, stored_at) values ($1, $2, $3)
            on conflict (name) do nothing
            """, name, element.ToString(SaveOptions.DisableFormatting), Now())).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="work"/> while holding the key-ring lock, on a connection of its own (released when
    /// the connection closes, also if this process dies).</summary>
    public Task WithKeyRingLockAsync(Action work, CancellationToken ct = default) =>
        Read(ct, async db =>
        {
            await db.ExecuteAsync(ct, "select pg_advisory_lock($1)", KeyRingLockKey);
            try
            {
                work();
            }
            finally
            {
                await db.ExecuteAsync(CancellationToken.None, "select pg_advisory_unlock($1)", KeyRingLockKey);
            }
            return true;
        });
}
