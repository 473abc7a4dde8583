using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// The audit trail: one hash chain per practice (AuditChain), so that one practice's events can be moved in or out with
// their chain intact. A document's "_id" numbers every event in the store in the order written (newest last); its
// "sequence" numbers it within its practice's chain. Events written before practices have neither "sequence" nor
// "practiceId": they are the default practice's, numbered by "_id" (which was their sequence).
internal sealed partial class LiteDbRecordStore
{
    // Each practice's head document holds the last sequence and hash written, so removing the newest events is
    // detectable too. The default practice's keeps the id it had before practices.
    private const string HeadId = "head";

    private static string HeadIdOf(string practiceId) => practiceId == Practice.DefaultId ? HeadId : "head:" + practiceId;

    public Task<AuditEvent> AppendAuditAsync(AuditEntry entry, CancellationToken ct = default) => Write(ct, () => AppendAudit(entry));

    private AuditEvent AppendAudit(AuditEntry entry)
    {
        var practiceId = AuditPracticeOf(entry.PatientId, entry.ActorId);
        var (lastSequence, lastHash) = ReadHead(practiceId);
        var sequence = lastSequence + 1;
        var at = Now();
        var hash = AuditChain.Hash(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash);
        var e = new AuditEvent(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash, hash)
            { PracticeId = practiceId };
        var lastId = Collection(Audit).Find(Query.All(Query.Descending), limit: 1).FirstOrDefault()?["_id"].AsInt64 ?? 0;
        Collection(Audit).Insert(ToDocument(e, lastId + 1));
        Collection(AuditHead).Upsert(new BsonDocument { ["_id"] = HeadIdOf(practiceId), ["sequence"] = sequence, ["hash"] = hash });
        return e;
    }

    private static BsonDocument ToDocument(AuditEvent e, long id) => new()
    {
        ["_id"] = id,
        ["sequence"] = e.Sequence,
        ["practiceId"] = e.PracticeId,
        ["at"] = Bson.Time(e.At),
        ["actorId"] = e.ActorId,
        ["action"] = e.Action,
        ["patientId"] = Bson.Text(e.PatientId),
        ["details"] = Bson.Text(e.Details),
        ["previousHash"] = e.PreviousHash,
        ["hash"] = e.Hash,
    };

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
            // Newest first, filtered as they stream, so a narrow search over a long trail stops early.
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

    // Under the writers' gate, so the heads and the events are read as of one moment: an event appended between
    // reading a head and reading the events would otherwise look like a break (PostgreSQL reads one snapshot).
    public Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default, string? practiceId = null) => Write(ct, () =>
    {
        if (practiceId is not null)
            return VerifyPractice(practiceId);
        // Every practice the store knows, every practice with a head, and every practice an event names.
        var practices = Collection(Practices).FindAll().Select(d => d["_id"].AsString)
            .Concat(Collection(AuditHead).FindAll().Select(d => d["_id"].AsString is var id && id == HeadId ? Practice.DefaultId : id["head:".Length..]))
            .Concat(Collection(Audit).Query().Select(BsonExpression.Create("{ practiceId: $.practiceId }")).ToEnumerable().Select(EventPracticeOf))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return AuditChain.VerifyAll(practices.Select(p => (p, VerifyPractice(p))));
    });

    private AuditVerification VerifyPractice(string practiceId)
    {
        var (headSequence, headHash) = ReadHead(practiceId);
        var events = Collection(Audit).Find(Query.All(Query.Ascending)).Where(d => EventPracticeOf(d) == practiceId).Select(ToAuditEvent);
        return AuditChain.Verify(events, headSequence, headHash);
    }

    private (long Sequence, string Hash) ReadHead(string practiceId) =>
        FindById(Collection(AuditHead), HeadIdOf(practiceId)) is { } head
            ? (head["sequence"].AsInt64, head["hash"].AsString)
            : (0, AuditChain.Genesis);

    /// <summary>Every practice's head, for moving the store (<see cref="StoreContents"/>).</summary>
    private IEnumerable<Records.AuditHead> AuditHeads() => Collection(AuditHead).FindAll().Select(d =>
    {
        var id = d["_id"].AsString;
        return new Records.AuditHead(d["sequence"].AsInt64, d["hash"].AsString, id == HeadId ? Practice.DefaultId : id["head:".Length..]);
    });

    private static AuditEvent ToAuditEvent(BsonDocument d) => new(
        d.TryGetValue("sequence", out var sequence) ? sequence.AsInt64 : d["_id"].AsInt64,
        Bson.ReadTime(d["at"]),
        d["actorId"].AsString,
        d["action"].AsString,
        Bson.ReadText(d["patientId"]),
        Bson.ReadText(d["details"]),
        d["previousHash"].AsString,
        d["hash"].AsString)
    {
        PracticeId = EventPracticeOf(d),
    };
}
