using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;
using NpgsqlTypes;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// Moving a practice in (migrate-store, docs/operations.md): another store's whole contents written as they are (ids,
// times, statuses, the audit chain's hashes), with PostgreSQL's binary COPY, all in one transaction: a failure part way
// leaves the database as it was. Each row is built by the same function the store's own inserts use, so a copied row
// is exactly what the site would have written.
internal sealed partial class PostgreSqlRecordStore
{
    /// <summary>Thrown when the database already holds records: a move goes into an empty store only.</summary>
    internal sealed class NotEmptyException() : InvalidOperationException(
        "the PostgreSQL database already holds records (people or audit events); a store is moved into an empty database only");

    /// <summary>Writes <paramref name="contents"/> into this (empty) store in one transaction; returns the rows
    /// written per table.</summary>
    internal async Task<IReadOnlyList<(string Table, long Rows)>> ImportAsync(StoreContents contents, CancellationToken ct = default)
    {
        await using var connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var db = new Db(connection, transaction);
        // The audit heads are locked first, as every append locks its practice's: nothing can write an event while the
        // move runs.
        await db.ExecuteAsync(ct, "lock table audit_head in exclusive mode").ConfigureAwait(false);
        if (db.Query("select 1 from audit_head where sequence <> 0 limit 1", _ => 1).Count > 0
            || db.Query("select 1 from people limit 1", _ => 1).Count > 0)
            throw new NotEmptyException();

        var copied = new List<(string, long)>();
        async Task Copy<T>(string table, string columns, IEnumerable<T> rows, Func<T, object?[]> row)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                $"copy {table} ({columns.Replace("::text", "")}) from stdin (format binary)", ct).ConfigureAwait(false);
            long count = 0;
            foreach (var item in rows)
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                foreach (var value in row(item))
                    await WriteValue(writer, value, ct).ConfigureAwait(false);
                count++;
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
            copied.Add((table, count));
        }

        // Practices first (people name theirs); the default practice is already there, made by the migration, and
        // takes the source's name and time. Read whole before the first await: a LiteDB source's reads belong to the
        // thread that began them, and an await may carry on on another (the few practices fit in memory).
        long practices = 0;
        foreach (var practice in contents.Practices.ToList())
        {
            await db.ExecuteAsync(ct, $"""
                insert into practices ({PracticeColumns}) values ($1, $2, $3, $4)
                on conflict (id) do update set name = excluded.name, code = excluded.code, created_at = excluded.created_at
                """, PracticeRow(practice)).ConfigureAwait(false);
            practices++;
        }
        copied.Add(("practices", practices));
        await Copy("people", PeopleColumns, contents.People, PersonRow);
        await Copy("two_factor", EnrolmentColumns, contents.TwoFactor, EnrolmentRow);
        await Copy("account_links", LinkColumns, contents.AccountLinks, LinkRow);
        await Copy("drafts", DraftColumns, contents.Drafts, d =>
            [d.PatientId, d.Questionnaire.Id, d.Questionnaire.Version, d.Questionnaire.ContentHash, Db.Json(d.AnswersJson),
             d.Revision, d.UpdatedAt, d.UpdatedBy, d.Key, Db.Text(d.RepliesTo)]);
        await Copy("submissions", SubmissionColumns, contents.Submissions, SubmissionRow);
        await Copy("submitted_drafts", "draft_key, patient_id, submission_id", contents.SubmittedDrafts,
            s => [s.DraftKey, s.PatientId, s.SubmissionId]);
        await Copy("record_entries", EntryColumns, contents.Entries, EntryRow);
        await Copy("messages", MessageColumns, contents.Messages, MessageRow);
        await Copy("proxy_grants", GrantColumns, contents.Grants, GrantRow);
        await Copy("assignments", AssignmentColumns, contents.Assignments, AssignmentRow);
        await Copy("plan_alerts", AlertColumns, contents.PlanAlerts, AlertRow);
        await Copy("visits", "person_id, place, at", contents.Visits, v => [v.PersonId, v.Place, v.At]);
        await Copy("ended_sessions", "session_id, until", contents.EndedSessions, e => [e.SessionId, e.Until]);
        await Copy("questionnaire_archive", ArchiveColumns, contents.Archive, ArchiveRow);
        await Copy("audit_events", AuditColumns, contents.Audit, AuditRow);
        foreach (var head in contents.AuditHeads.ToList()) // read whole first, as the practices are
            await db.ExecuteAsync(ct, """
                insert into audit_head (practice_id, sequence, hash) values ($1, $2, $3)
                on conflict (practice_id) do update set sequence = excluded.sequence, hash = excluded.hash
                """, head.PracticeId, head.Sequence, head.Hash).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return copied;
    }

    /// <summary>One column of a COPY row, typed as <see cref="Db.Command"/> types a statement's parameter.</summary>
    private static Task WriteValue(NpgsqlBinaryImporter writer, object? value, CancellationToken ct) => value switch
    {
        null or DBNull => writer.WriteNullAsync(ct),
        NpgsqlParameter { Value: null or DBNull } => writer.WriteNullAsync(ct),
        NpgsqlParameter { Value: DateTimeOffset t } => writer.WriteAsync(t.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
        NpgsqlParameter { Value: DateOnly d } p => writer.WriteAsync(d, p.NpgsqlDbType, ct),
        NpgsqlParameter { Value: string s } p => writer.WriteAsync(s, p.NpgsqlDbType, ct),
        string s => writer.WriteAsync(s, NpgsqlDbType.Text, ct),
        DateTimeOffset t => writer.WriteAsync(t.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
        long l => writer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        short s => writer.WriteAsync(s, NpgsqlDbType.Smallint, ct),
        bool b => writer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        string[] a => writer.WriteAsync(a, NpgsqlDbType.Array | NpgsqlDbType.Text, ct),
        _ => throw new ArgumentException($"No COPY mapping for a {value.GetType().Name}.", nameof(value)),
    };
}
