using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

internal sealed partial class PostgreSqlRecordStore
{
    private const string LinkColumns = "id, person_id, purpose, token_hash, issued_by_id, issued_at, expires_at, used_at, cancelled_at";

    private static AccountLink ToLink(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.Enum<AccountLinkPurpose>(2),
        r.GetString(3), r.GetString(4), r.Time(5), r.Time(6), r.TimeOrNull(7), r.TimeOrNull(8));

    /// <summary>A link's row, in the order of <see cref="LinkColumns"/>.</summary>
    private static object?[] LinkRow(AccountLink l) =>
    [
        l.Id, l.PersonId, l.Purpose.ToString(), l.TokenHash, l.IssuedById, l.IssuedAt, l.ExpiresAt, Db.Time(l.UsedAt),
        Db.Time(l.CancelledAt),
    ];

    public Task<AccountLink?> FindAccountLinkAsync(string tokenHash, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {LinkColumns} from account_links where token_hash = $1", ToLink, tokenHash));

    public Task<IReadOnlyList<AccountLink>> ListAccountLinksAsync(string personId, CancellationToken ct = default) =>
        Read<IReadOnlyList<AccountLink>>(ct, async db => await db.QueryAsync(ct,
            $"select {LinkColumns} from account_links where person_id = $1 order by issued_at desc, expires_at desc, id collate \"C\"", ToLink, personId));

    private AccountLink IssueLink(Db db, NewAccountLink link)
    {
        // The person's row is locked, so two links issued at once for one person leave exactly one open.
        if (db.One("select id from people where id = $1 for update", r => r.GetString(0), link.PersonId) is null)
            throw new RecordNotFoundException("person", link.PersonId);
        var now = Now();
        db.Execute("update account_links set cancelled_at = $2 where person_id = $1 and used_at is null and cancelled_at is null",
            link.PersonId, now);
        var stored = new AccountLink(NewId(), link.PersonId, link.Purpose, link.TokenHash, link.IssuedById, now, link.ExpiresAt, null, null);
        db.Execute($"insert into account_links ({LinkColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)", LinkRow(stored));
        return stored;
    }

    private (Person, AccountLink) UseLink(Db db, string tokenHash, string passwordHash)
    {
        var link = db.One($"select {LinkColumns} from account_links where token_hash = $1 for update", ToLink, tokenHash)
                   ?? throw new RecordNotFoundException("account link", "(by token)");
        var now = Now();
        link.EnsureOpen(now);
        var person = ChangePerson(db, link.PersonId, p => p.WithPasswordFromLink(passwordHash));
        db.Execute("update account_links set used_at = $2 where id = $1", link.Id, now);
        return (person, link with { UsedAt = now });
    }
}
