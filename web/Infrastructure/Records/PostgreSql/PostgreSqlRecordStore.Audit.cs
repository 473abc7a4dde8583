using System.Data;
using System.Text;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// The audit trail, chained exactly as the LiteDB store chains it (AuditChain): the same events give the same hashes
// on both backends. Each practice has its own chain (numbered from 1, with its own head row), so that one practice's
// events can be moved in or out with their chain intact. Appending locks the practice's head row, so its events are
// numbered and chained one after another however many site instances write; the lock is held until the appending
// transaction ends.
internal sealed partial class PostgreSqlRecordStore
{
    private const string AuditColumns = "sequence, at, actor_id, action, patient_id, details, previous_hash, hash, practice_id";

    private static AuditEvent ToAuditEvent(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.Time(1), r.GetString(2), r.GetString(3), r.TextOrNull(4), r.TextOrNull(5), r.GetString(6), r.GetString(7))
    {
        PracticeId = r.GetString(8),
    };

    /// <summary>An event's row, in the order of <see cref="AuditColumns"/>.</summary>
    private static object?[] AuditRow(AuditEvent e) =>
        [e.Sequence, e.At, e.ActorId, e.Action, Db.Text(e.PatientId), Db.Text(e.Details), e.PreviousHash, e.Hash, e.PracticeId];

    public Task<AuditEvent> AppendAuditAsync(AuditEntry entry, CancellationToken ct = default) =>
        Write(ct, db => AppendAudit(db, entry));

    private AuditEvent AppendAudit(Db db, AuditEntry entry)
    {
        // The event's practice: its patient's, or when it is about no patient its actor's (the default practice when
        // neither is a person the store holds).
        var practiceId = db.Query("""
            select coalesce((select practice_id from people where id = $1), (select practice_id from people where id = $2), $3)
            """, r => r.GetString(0), Db.Text(entry.PatientId), entry.ActorId, Practice.DefaultId).Single();
        db.Execute("insert into audit_head (practice_id, sequence, hash) values ($1, 0, $2) on conflict (practice_id) do nothing",
            practiceId, AuditChain.Genesis);
        var (lastSequence, lastHash) = db.Query("select sequence, hash from audit_head where practice_id = $1 for update",
            r => (r.GetInt64(0), r.GetString(1)), practiceId).Single();
        var sequence = lastSequence + 1;
        var at = Now();
        var hash = AuditChain.Hash(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash);
        var e = new AuditEvent(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash, hash)
            { PracticeId = practiceId };
        db.Execute($"insert into audit_events ({AuditColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)", AuditRow(e));
        db.Execute("update audit_head set sequence = $2, hash = $3 where practice_id = $1", practiceId, sequence, hash);
        return e;
    }

    public Task<IReadOnlyList<AuditEvent>> ListAuditAsync(string? patientId, int limit, CancellationToken ct = default,
        string? practiceId = null) => SearchAuditAsync(new AuditQuery(patientId, null, null, null, limit) { PracticeId = practiceId }, ct);

    public Task<IReadOnlyList<AuditEvent>> SearchAuditAsync(AuditQuery query, CancellationToken ct = default)
    {
        if (query.Limit <= 0)
            return Task.FromResult<IReadOnlyList<AuditEvent>>([]);
        // Only the filters given go into the statement, so the planner can use the practice, patient or actor index
        // (newest first within each) or the time index, whichever is narrower.
        var sql = new StringBuilder($"select {AuditColumns} from audit_events where true");
        var args = new List<object?>();
        void Filter(string condition, object? value)
        {
            args.Add(value);
            sql.Append(" and ").Append(condition.Replace("?", "$" + args.Count));
        }
        if (query.PracticeId is { } practice) Filter("practice_id = ?", practice);
        if (query.PatientId is { } patient) Filter("patient_id = ?", patient);
        if (query.ActorId is { } actor) Filter("actor_id = ?", actor);
        if (query.From is { } from) Filter("at >= ?", from);
        if (query.To is { } to) Filter("at < ?", to);
        args.Add(query.Limit);
        // Sequences count within one practice's chain: within a practice (or a patient, who is in one) they are the
        // order written; across practices the time is, the sequence breaking ties.
        sql.Append(query.PracticeId is not null || query.PatientId is not null
            ? " order by sequence desc"
            : " order by at desc, sequence desc, practice_id collate \"C\"");
        sql.Append(" limit $").Append(args.Count);
        return Read<IReadOnlyList<AuditEvent>>(ct, async db => await db.QueryAsync(ct, sql.ToString(), ToAuditEvent, [.. args]));
    }

    public Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default, string? practiceId = null) =>
        // One snapshot for the heads and the events, so an event appended meanwhile cannot look like a break.
        Write(ct, db =>
        {
            if (practiceId is not null)
                return VerifyPractice(db, practiceId);
            var practices = db.Query("""
                select id from practices union select practice_id from audit_head
                union select distinct practice_id from audit_events order by 1
                """, r => r.GetString(0));
            return AuditChain.VerifyAll(practices.Select(p => (p, VerifyPractice(db, p))).ToList());
        }, IsolationLevel.RepeatableRead);

    private static AuditVerification VerifyPractice(Db db, string practiceId)
    {
        var (headSequence, headHash) = db.Query("select sequence, hash from audit_head where practice_id = $1",
            r => (r.GetInt64(0), r.GetString(1)), practiceId).SingleOrDefault((0L, AuditChain.Genesis));
        using var command = db.Command($"select {AuditColumns} from audit_events where practice_id = $1 order by sequence", practiceId);
        using var reader = command.ExecuteReader();
        return AuditChain.Verify(Stream(reader), headSequence, headHash);
    }

    private static IEnumerable<AuditEvent> Stream(NpgsqlDataReader reader)
    {
        while (reader.Read())
            yield return ToAuditEvent(reader);
    }

    // The questionnaire archive: written once by content hash.

    private sealed record StoredFile(string Path, string Text);

    private const string ArchiveColumns = "hash, id, version, files, archived_at";

    /// <summary>An archived version's row, in the order of <see cref="ArchiveColumns"/>.</summary>
    private static object?[] ArchiveRow(ArchivedQuestionnaire a) =>
        [a.Hash, a.Id, a.Version, Db.Jsonb(JsonSerializer.Serialize(a.Files.Select(f => new StoredFile(f.RelativePath, f.Text)))), a.ArchivedAt];

    public Task<ArchivedQuestionnaire> ArchiveQuestionnaireAsync(string hash, string id, string version,
        IReadOnlyList<QuestionnaireSourceFile> files, CancellationToken ct = default) => Write(ct, db =>
    {
        db.Execute($"""
            insert into questionnaire_archive ({ArchiveColumns}) values ($1, $2, $3, $4, $5)
            on conflict (hash) do nothing
            """, ArchiveRow(new ArchivedQuestionnaire(hash, id, version, files, Now())));
        return LoadArchived(db, hash)!;
    });

    public Task<ArchivedQuestionnaire?> GetArchivedQuestionnaireAsync(string hash, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, "select hash, id, version, files::text, archived_at from questionnaire_archive where hash = $1",
            ToArchived, hash));

    private static ArchivedQuestionnaire? LoadArchived(Db db, string hash) =>
        db.One("select hash, id, version, files::text, archived_at from questionnaire_archive where hash = $1", ToArchived, hash);

    private static ArchivedQuestionnaire ToArchived(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2),
        JsonSerializer.Deserialize<List<StoredFile>>(r.GetString(3))!.Select(f => new QuestionnaireSourceFile(f.Path, f.Text)).ToList(),
        r.Time(4));
}
