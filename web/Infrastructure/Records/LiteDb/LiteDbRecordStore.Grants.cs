using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<ProxyGrant> AddProxyGrantAsync(string patientId, string carerId, bool canFill, bool canViewRecord,
        CancellationToken ct = default) => Write(ct, () =>
    {
        var grant = new ProxyGrant(NewId(), patientId, carerId, canFill, canViewRecord, Now(), null);
        Collection(Grants).Insert(ToDocument(grant));
        return grant;
    });

    public Task<ProxyGrant> RevokeProxyGrantAsync(string grantId, CancellationToken ct = default) => Write(ct, () =>
    {
        var grant = FindById(Collection(Grants), grantId) is { } doc
            ? ToGrant(doc)
            : throw new RecordNotFoundException("proxy grant", grantId);
        if (!grant.IsActive)
            return grant;
        var revoked = grant with { RevokedAt = Now() };
        Collection(Grants).Update(ToDocument(revoked));
        return revoked;
    });

    public Task<IReadOnlyList<ProxyGrant>> ListProxyGrantsForPatientAsync(string patientId,
        CancellationToken ct = default) => Read<IReadOnlyList<ProxyGrant>>(ct, () =>
        Collection(Grants).Find(Bson.Eq("patientId", patientId)).Select(ToGrant).OrderBy(g => g.GrantedAt).ToList());

    public Task<IReadOnlyList<ProxyGrant>> ListActiveProxyGrantsForCarerAsync(string carerId,
        CancellationToken ct = default) => Read<IReadOnlyList<ProxyGrant>>(ct, () =>
        Collection(Grants).Find(Bson.Eq("carerId", carerId)).Select(ToGrant)
            .Where(g => g.IsActive).OrderBy(g => g.GrantedAt).ToList());

    private static BsonDocument ToDocument(ProxyGrant g) => new()
    {
        ["_id"] = g.Id,
        ["patientId"] = g.PatientId,
        ["carerId"] = g.CarerId,
        ["canFill"] = g.CanFill,
        ["canViewRecord"] = g.CanViewRecord,
        ["grantedAt"] = Bson.Time(g.GrantedAt),
        ["revokedAt"] = Bson.Time(g.RevokedAt),
    };

    private static ProxyGrant ToGrant(BsonDocument d) => new(
        d["_id"].AsString,
        d["patientId"].AsString,
        d["carerId"].AsString,
        d["canFill"].AsBoolean,
        d["canViewRecord"].AsBoolean,
        Bson.ReadTime(d["grantedAt"]),
        Bson.ReadOptionalTime(d["revokedAt"]));
}
