using System.Data;
using System.Text;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// The audit trail, chained exactly as the LiteDB store chains it (AuditChain): the same events give the same hashes
// on both backends. Appending locks the head row, so events are numbered and chained one after another however many
// site instances write; the lock is held until the appending transaction ends.
internal sealed partial class PostgreSqlRecordStore
{
    private const string AuditColumns = "sequence, at, actor_id, action, patient_id, details, previous_hash, hash";

    private static AuditEvent ToAuditEvent(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.Time(1), r.GetString(2), r.GetString(3), r.TextOrNull(4), r.TextOrNull(5), r.GetString(6), r.GetString(7));

    /// <summary>An event's row, in the order of <see cref="AuditColumns"/>.</summary>
    private static object?[] AuditRow(AuditEvent e) =>
        [e.Sequence, e.At, e.ActorId, e.Action, Db.Text(e.PatientId), Db.Text(e.Details), e.PreviousHash, e.Hash];

    public Task<AuditEvent> AppendAuditAsync(AuditEntry entry, CancellationToken ct = default) =>
        Write(ct, db => AppendAudit(db, entry));

    private AuditEvent AppendAudit(Db db, AuditEntry entry)
    {
        var (lastSequence, lastHash) = db.Query("select sequence, hash from audit_head where id = 1 for update",
            r => (r.GetInt64(0), r.GetString(1))).Single();
        var sequence = lastSequence + 1;
        var at = Now();
        var hash = AuditChain.Hash(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash);
        var e = new AuditEvent(sequence, at, entry.ActorId, entry.Action, entry.PatientId, entry.Details, lastHash, hash);
        db.Execute($"insert into audit_events ({AuditColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8)", AuditRow(e));
        db.Execute("update audit_head set sequence = $1, hash = $2 where id = 1", sequence, hash);
        return e;
    }

    public Task<IReadOnlyList<AuditEvent>> ListAuditAsync(string? patientId, int limit, CancellationToken ct = default,
        string? practiceId = null) => SearchAuditAsync(new AuditQuery(patientId, null, null, null, limit) { PracticeId = practiceId }, ct);

    public Task<IReadOnlyList<AuditEvent>> SearchAuditAsync(AuditQuery query, CancellationToken ct = default)
    {
        if (query.Limit <= 0)
            return Task.FromResult<IReadOnlyList<AuditEvent>>([]);
        // Only the filters given go into the statement, so the planner can use the patient or actor index (newest
        // first within each) or the time index, whichever is narrower.
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
        sql.Append(" order by sequence desc limit $").Append(args.Count);
        return Read<IReadOnlyList<AuditEvent>>(ct, async db => await db.QueryAsync(ct, sql.ToString(), ToAuditEvent, [.. args]));
    }

    public Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default) =>
        // One snapshot for the head and the events, so an event appended meanwhile cannot look like a break.
        Write(ct, db =>
        {
            var (headSequence, headHash) = db.Query("select sequence, hash from audit_head where id = 1",
                r => (r.GetInt64(0), r.GetString(1))).Single();
            using var command = db.Command($"select {AuditColumns} from audit_events order by sequence");
            using var reader = command.ExecuteReader();
            return AuditChain.Verify(Stream(reader), headSequence, headHash);
        }, IsolationLevel.RepeatableRead);

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
