using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// Record entries are only ever inserted: no statement here updates or deletes one.
internal sealed partial class PostgreSqlRecordStore
{
    private const string EntryColumns =
        "id, patient_id, system, code, display, value, unit, filed_by, filed_at, submission_id, questionnaire_version, " +
        "supersedes_id, codings::text, taken_on";

    private sealed record StoredCoding(string System, string Code, string Display);

    private static RecordEntry ToEntry(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.TextOrNull(5), r.TextOrNull(6),
        r.GetString(7), r.Time(8), r.TextOrNull(9), r.TextOrNull(10), r.TextOrNull(11))
    {
        Codings = new RecordCodings(JsonSerializer.Deserialize<List<StoredCoding>>(r.GetString(12))!
            .Select(c => new RecordCoding(c.System, c.Code, c.Display))),
        TakenOn = r.IsDBNull(13) ? null : r.GetFieldValue<DateOnly>(13),
    };

    /// <summary>An entry's row, in the order of <see cref="EntryColumns"/>.</summary>
    private static object?[] EntryRow(RecordEntry e) =>
    [
        e.Id, e.PatientId, e.System, e.Code, e.Display, Db.Text(e.Value), Db.Text(e.Unit), e.FiledBy, e.FiledAt,
        Db.Text(e.SubmissionId), Db.Text(e.QuestionnaireVersion), Db.Text(e.SupersedesId),
        Db.Jsonb(JsonSerializer.Serialize(e.Codings.Select(c => new StoredCoding(c.System, c.Code, c.Display)))),
        new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date, Value = (object?)e.TakenOn ?? DBNull.Value },
    ];

    public Task<RecordEntry> AddRecordEntryAsync(NewRecordEntry entry, CancellationToken ct = default) =>
        Write(ct, db => InsertEntry(db, entry, supersedesId: null));

    // The patient's direct additions are taken one at a time (a lock held to the end of the transaction, keyed by the
    // patient), so two of the same form at once cannot both find no repeat, whichever instance each reaches.
    private RecordEntry? InsertEntryUnlessRepeated(Db db, NewRecordEntry e, TimeSpan within)
    {
        db.Execute("select pg_advisory_xact_lock(hashtextextended('record-entry-added:' || $1, 0))", e.PatientId);
        var repeated = db.Query("""
            select 1 from record_entries
            where patient_id = $1 and filed_by = $2 and system = $3 and code = $4 and value is not distinct from $5
              and taken_on is not distinct from $6 and submission_id is null and supersedes_id is null and filed_at > $7
            limit 1
            """, _ => 1, e.PatientId, e.FiledBy, e.System, e.Code, Db.Text(e.Value),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date, Value = (object?)e.TakenOn ?? DBNull.Value }, Now() - within).Count > 0;
        return repeated ? null : InsertEntry(db, e, supersedesId: null);
    }

    private RecordEntry Supersede(Db db, string supersededId, NewRecordEntry replacement)
    {
        // Locked, so two corrections at once are checked one after the other.
        var old = db.One($"select {EntryColumns} from record_entries where id = $1 for update", ToEntry, supersededId)
                  ?? throw new RecordNotFoundException("record entry", supersededId);
        if (old.PatientId != replacement.PatientId)
            throw new ArgumentException("A correction must be for the same patient as the entry it replaces.", nameof(replacement));
        if (db.Query("select 1 from record_entries where supersedes_id = $1", _ => 1, supersededId).Count > 0)
            throw new RecordConflictException(ConflictKind.AlreadySuperseded,
                $"Cannot correct record entry {supersededId}: it has already been corrected.");
        return InsertEntry(db, replacement, supersededId);
    }

    public Task<RecordEntry?> GetRecordEntryAsync(string id, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {EntryColumns} from record_entries where id = $1", ToEntry, id));

    public Task<IReadOnlyList<RecordEntry>> ListRecordEntriesAsync(string patientId, bool includeSuperseded = false,
        CancellationToken ct = default) => Read<IReadOnlyList<RecordEntry>>(ct, async db => await db.QueryAsync(ct, $"""
            select {EntryColumns} from record_entries e
            where patient_id = $1
              and ($2 or not exists (select 1 from record_entries c where c.supersedes_id = e.id and c.patient_id = $1))
            order by filed_at, id collate "C"
            """, ToEntry, patientId, includeSuperseded));

    private RecordEntry InsertEntry(Db db, NewRecordEntry e, string? supersedesId)
    {
        var entry = new RecordEntry(NewId(), e.PatientId, e.System, e.Code, e.Display, e.Value, e.Unit, e.FiledBy,
            Now(), e.SubmissionId, e.QuestionnaireVersion, supersedesId)
        {
            Codings = e.Codings ?? new RecordCodings([new RecordCoding(e.System, e.Code, e.Display)]),
            TakenOn = e.TakenOn,
        };
        db.Execute($"""
            insert into record_entries ({EntryColumns.Replace("::text", "")})
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, EntryRow(entry));
        return entry;
    }

    // Messages

    private const string MessageColumns = "id, patient_id, from_id, subject, body, submission_id, sent_at, read_at";

    private static PatientMessage ToMessage(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.TextOrNull(5), r.Time(6),
        r.TimeOrNull(7));

    /// <summary>A message's row, in the order of <see cref="MessageColumns"/>.</summary>
    private static object?[] MessageRow(PatientMessage m) =>
        [m.Id, m.PatientId, m.FromId, m.Subject, m.Body, Db.Text(m.SubmissionId), m.SentAt, Db.Time(m.ReadAt)];

    private PatientMessage AddMessage(Db db, NewMessage m)
    {
        var message = new PatientMessage(NewId(), m.PatientId, m.FromId, m.Subject, m.Body, m.SubmissionId, Now(), null);
        db.Execute($"insert into messages ({MessageColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8)", MessageRow(message));
        return message;
    }

    public Task<IReadOnlyList<PatientMessage>> ListMessagesAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<PatientMessage>>(ct, async db => await db.QueryAsync(ct,
            $"select {MessageColumns} from messages where patient_id = $1 order by sent_at desc, id collate \"C\"", ToMessage, patientId));

    public Task<PatientMessage> MarkMessageReadAsync(string messageId, CancellationToken ct = default) => Write(ct, db =>
        db.One($"update messages set read_at = coalesce(read_at, $2) where id = $1 returning {MessageColumns}", ToMessage,
            messageId, Now())
        ?? throw new RecordNotFoundException("message", messageId));
}
