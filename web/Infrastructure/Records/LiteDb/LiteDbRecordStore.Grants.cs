using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<ProxyGrant> AddProxyGrantAsync(string patientId, string carerId, bool canFill, bool canViewRecord,
        CancellationToken ct = default, DateTimeOffset? expiresAt = null) =>
        Write(ct, () => AddGrant(patientId, carerId, canFill, canViewRecord, expiresAt));

    private ProxyGrant AddGrant(string patientId, string carerId, bool canFill, bool canViewRecord, DateTimeOffset? expiresAt)
    {
        // One active grant per patient and carer: granting again changes what it allows and until when (under the
        // gate, so two grants at once cannot both insert).
        if (ActiveGrants(patientId, carerId).FirstOrDefault() is { } existing)
        {
            var changed = existing with { CanFill = canFill, CanViewRecord = canViewRecord, ExpiresAt = expiresAt };
            Collection(Grants).Update(ToDocument(changed));
            return changed;
        }
        var grant = new ProxyGrant(NewId(), patientId, carerId, canFill, canViewRecord, Now(), null) { ExpiresAt = expiresAt };
        Collection(Grants).Insert(ToDocument(grant));
        return grant;
    }

    public Task<ProxyGrant> RevokeProxyGrantAsync(string grantId, CancellationToken ct = default) => Write(ct, () =>
    {
        var grant = FindById(Collection(Grants), grantId) is { } doc
            ? ToGrant(doc)
            : throw new RecordNotFoundException("proxy grant", grantId);
        if (!grant.IsActive)
            return grant;
        // Every active grant between the two ends: a file written before grants were one per carer may hold more.
        var at = Now();
        foreach (var active in ActiveGrants(grant.PatientId, grant.CarerId))
            Collection(Grants).Update(ToDocument(active with { RevokedAt = at }));
        return grant with { RevokedAt = at };
    });

    private IEnumerable<ProxyGrant> ActiveGrants(string patientId, string carerId) =>
        Collection(Grants).Find(Bson.Eq("patientId", patientId)).Select(ToGrant)
            .Where(g => g.CarerId == carerId && g.IsActive).OrderBy(g => g.GrantedAt).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();

    public Task<IReadOnlyList<ProxyGrant>> ListProxyGrantsForPatientAsync(string patientId,
        CancellationToken ct = default) => Read<IReadOnlyList<ProxyGrant>>(ct, () =>
        Collection(Grants).Find(Bson.Eq("patientId", patientId)).Select(ToGrant).OrderBy(g => g.GrantedAt).ThenBy(g => g.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<ProxyGrant>> ListActiveProxyGrantsForCarerAsync(string carerId,
        CancellationToken ct = default) => Read<IReadOnlyList<ProxyGrant>>(ct, () =>
    {
        var now = Now();
        return Collection(Grants).Find(Bson.Eq("carerId", carerId)).Select(ToGrant)
            .Where(g => g.IsActiveAt(now)).OrderBy(g => g.GrantedAt).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();
    });

    private static BsonDocument ToDocument(ProxyGrant g) => new()
    {
        ["_id"] = g.Id,
        ["patientId"] = g.PatientId,
        ["carerId"] = g.CarerId,
        ["canFill"] = g.CanFill,
        ["canViewRecord"] = g.CanViewRecord,
        ["grantedAt"] = Bson.Time(g.GrantedAt),
        ["revokedAt"] = Bson.Time(g.RevokedAt),
        ["expiresAt"] = Bson.Time(g.ExpiresAt),
    };

    private static ProxyGrant ToGrant(BsonDocument d) => new(
        d["_id"].AsString,
        d["patientId"].AsString,
        d["carerId"].AsString,
        d["canFill"].AsBoolean,
        d["canViewRecord"].AsBoolean,
        Bson.ReadTime(d["grantedAt"]),
        Bson.ReadOptionalTime(d["revokedAt"]))
    {
        // Absent from grants written before grants could end.
        ExpiresAt = d.ContainsKey("expiresAt") ? Bson.ReadOptionalTime(d["expiresAt"]) : null,
    };
}
