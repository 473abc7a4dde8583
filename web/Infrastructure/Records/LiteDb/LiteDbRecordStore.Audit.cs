using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    // The head document holds the last sequence and hash written, so removing the newest events is detectable too.
    private const string HeadId = "head";

    public Task<AuditEvent> AppendAuditAsync(AuditEntry entry, CancellationToken ct = default) => Write(ct, () => AppendAudit(entry));

    private AuditEvent AppendAudit(AuditEntry entry)
    {
        var (lastSequence, lastHash) = ReadHead();
        var sequence = lastSequence + 1;
        var at = Now();
        var hash = AuditChain.Hash(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash);
        var e = new AuditEvent(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash, hash);
        Collection(Audit).Insert(new BsonDocument
        {
            ["_id"] = e.Sequence,
            ["at"] = Bson.Time(e.At),
            ["actorId"] = e.ActorId,
            ["action"] = e.Action,
            ["patientId"] = Bson.Text(e.PatientId),
            ["details"] = Bson.Text(e.Details),
            ["previousHash"] = e.PreviousHash,
            ["hash"] = e.Hash,
            // Not part of the hash: which practice's trail the event is in (for searching by practice).
            ["practiceId"] = AuditPracticeOf(entry.PatientId, entry.ActorId),
        });
        Collection(AuditHead).Upsert(new BsonDocument { ["_id"] = HeadId, ["sequence"] = sequence, ["hash"] = hash });
        return e;
    }

    public Task<IReadOnlyList<AuditEvent>> ListAuditAsync(string? patientId, int limit, CancellationToken ct = default,
        string? practiceId = null) => SearchAuditAsync(new AuditQuery(patientId, null, null, null, limit) { PracticeId = practiceId }, ct);

    /// <summary>The practice an event belongs to: its patient's, or when it is about no patient its actor's; the default
    /// practice when neither is a person the store holds.</summary>
    private string AuditPracticeOf(string? patientId, string actorId)
    {
        foreach (var id in new[] { patientId, actorId })
            if (id is not null && FindById(Collection(People), id) is { } person)
                return PracticeOf(person);
        return Practice.DefaultId;
    }

    private static string EventPracticeOf(BsonDocument d) =>
        d.TryGetValue("practiceId", out var p) && p.IsString ? p.AsString : Practice.DefaultId;

    public Task<IReadOnlyList<AuditEvent>> SearchAuditAsync(AuditQuery query, CancellationToken ct = default) =>
        Read<IReadOnlyList<AuditEvent>>(ct, () =>
        {
            // Newest first by sequence, filtered as they stream, so a narrow search over a long trail stops early.
            IEnumerable<BsonDocument> docs = query.PatientId is { } patient
                ? Collection(Audit).Find(Query.EQ("patientId", patient)).OrderByDescending(d => d["_id"].AsInt64)
                : Collection(Audit).Find(Query.All(Query.Descending));
            return docs.Where(d => query.PracticeId is null || EventPracticeOf(d) == query.PracticeId)
                .Select(ToAuditEvent)
                .Where(e => query.ActorId is null || e.ActorId == query.ActorId)
                .Where(e => query.From is null || e.At >= query.From)
                .Where(e => query.To is null || e.At < query.To)
                .Take(Math.Max(0, query.Limit)).ToList();
        });

    public Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default) => Read(ct, () =>
    {
        var (headSequence, headHash) = ReadHead();
        var events = Collection(Audit).Find(Query.All(Query.Ascending)).Select(ToAuditEvent);
        return AuditChain.Verify(events, headSequence, headHash);
    });

    private (long Sequence, string Hash) ReadHead() =>
        FindById(Collection(AuditHead), HeadId) is { } head
            ? (head["sequence"].AsInt64, head["hash"].AsString)
            : (0, AuditChain.Genesis);

    private static AuditEvent ToAuditEvent(BsonDocument d) => new(
        d["_id"].AsInt64,
        Bson.ReadTime(d["at"]),
        d["actorId"].AsString,
        d["action"].AsString,
        Bson.ReadText(d["patientId"]),
        Bson.ReadText(d["details"]),
        d["previousHash"].AsString,
        d["hash"].AsString);
}
