using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<AccountLink?> FindAccountLinkAsync(string tokenHash, CancellationToken ct = default) =>
        Read(ct, () => Collection(AccountLinks).FindOne(Bson.Eq("tokenHash", tokenHash)) is { } doc ? ToLink(doc) : null);

    public Task<IReadOnlyList<AccountLink>> ListAccountLinksAsync(string personId, CancellationToken ct = default) =>
        Read<IReadOnlyList<AccountLink>>(ct, () => Collection(AccountLinks).Find(Bson.Eq("personId", personId))
            .Select(ToLink).OrderByDescending(l => l.IssuedAt).ThenByDescending(l => l.ExpiresAt).ThenBy(l => l.Id, StringComparer.Ordinal).ToList());

    private AccountLink IssueLink(NewAccountLink link)
    {
        if (FindById(Collection(People), link.PersonId) is null)
            throw new RecordNotFoundException("person", link.PersonId);
        var now = Now();
        foreach (var open in Collection(AccountLinks).Find(Bson.Eq("personId", link.PersonId)).Select(ToLink)
                     .Where(l => l.UsedAt is null && l.CancelledAt is null).ToList())
            Collection(AccountLinks).Update(ToDocument(open with { CancelledAt = now }));
        var stored = new AccountLink(NewId(), link.PersonId, link.Purpose, link.TokenHash, link.IssuedById, now,
            link.ExpiresAt, null, null);
        Collection(AccountLinks).Insert(ToDocument(stored));
        return stored;
    }

    private (Person, AccountLink) UseLink(string tokenHash, string passwordHash)
    {
        var link = Collection(AccountLinks).FindOne(Bson.Eq("tokenHash", tokenHash)) is { } doc
            ? ToLink(doc)
            : throw new RecordNotFoundException("account link", "(by token)");
        var now = Now();
        link.EnsureOpen(now);
        var person = ChangePerson(link.PersonId, p => p.WithPasswordFromLink(passwordHash));
        var used = link with { UsedAt = now };
        Collection(AccountLinks).Update(ToDocument(used));
        return (person, used);
    }

    private static BsonDocument ToDocument(AccountLink l) => new()
    {
        ["_id"] = l.Id,
        ["personId"] = l.PersonId,
        ["purpose"] = Bson.Enum(l.Purpose),
        ["tokenHash"] = l.TokenHash,
        ["issuedById"] = l.IssuedById,
        ["issuedAt"] = Bson.Time(l.IssuedAt),
        ["expiresAt"] = Bson.Time(l.ExpiresAt),
        ["usedAt"] = Bson.Time(l.UsedAt),
        ["cancelledAt"] = Bson.Time(l.CancelledAt),
    };

    private static AccountLink ToLink(BsonDocument d) => new(
        d["_id"].AsString,
        d["personId"].AsString,
        Bson.ReadEnum<AccountLinkPurpose>(d["purpose"]),
        d["tokenHash"].AsString,
        d["issuedById"].AsString,
        Bson.ReadTime(d["issuedAt"]),
        Bson.ReadTime(d["expiresAt"]),
        Bson.ReadOptionalTime(d["usedAt"]),
        Bson.ReadOptionalTime(d["cancelledAt"]));
}
