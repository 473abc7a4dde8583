using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

internal sealed partial class PostgreSqlRecordStore
{
    private const string SubmissionColumns =
        "id, reference, patient_id, answered_by_id, questionnaire_id, questionnaire_version, questionnaire_hash, " +
        "answers::text, result::text, flag, status, submitted_at, history::text, replies_to";

    // The status history as stored: one object a step.
    // Pages: what a return asked the patient to look at again (absent in steps written before it existed).
    private sealed record HistoryStep(string? From, string To, string By, DateTimeOffset At, string? Note, List<string>? Pages = null);

    private static Submission ToSubmission(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        new QuestionnaireRef(r.GetString(4), r.GetString(5), r.GetString(6)),
        r.GetString(7),
        r.GetString(8),
        (FlagLevel)r.GetInt16(9),
        r.Enum<SubmissionStatus>(10),
        r.Time(11),
        JsonSerializer.Deserialize<List<HistoryStep>>(r.GetString(12))!.Select(h => new StatusChange(
            h.From is null ? null : Enum.Parse<SubmissionStatus>(h.From), Enum.Parse<SubmissionStatus>(h.To), h.By,
            h.At.ToUniversalTime(), h.Note) { Pages = h.Pages is { Count: > 0 } pages ? new PageIds(pages) : PageIds.None }).ToList())
    {
        RepliesTo = r.IsDBNull(13) ? null : r.GetString(13),
    };

    /// <summary>A submission's row, in the order of <see cref="SubmissionColumns"/> (the database works out the queue's
    /// reason from the result as the row is inserted: migration 0010).</summary>
    private static object?[] SubmissionRow(Submission s) =>
    [
        s.Id, s.Reference, s.PatientId, s.AnsweredById, s.Questionnaire.Id, s.Questionnaire.Version,
        s.Questionnaire.ContentHash, Db.Json(s.AnswersJson), Db.Json(s.ResultJson), (short)s.HighestFlag,
        s.Status.ToString(), s.SubmittedAt, HistoryDocument(s.History), Db.Text(s.RepliesTo),
    ];

    private static NpgsqlParameter HistoryDocument(IEnumerable<StatusChange> history) => Db.Jsonb(JsonSerializer.Serialize(
        history.Select(h => new HistoryStep(h.From?.ToString(), h.To.ToString(), h.ById, h.At, h.Note,
            h.Pages.Count == 0 ? null : [.. h.Pages]))));

    public Task<Submission> AddSubmissionAsync(NewSubmission s, CancellationToken ct = default) =>
        Write(ct, db => InsertSubmission(db, s));

    private Submission InsertSubmission(Db db, NewSubmission s)
    {
        var now = Now();
        var id = NewId();
        while (true)
        {
            var submission = new Submission(id, SubmissionReference.Create(), s.PatientId, s.AnsweredById, s.Questionnaire,
                s.AnswersJson, s.ResultJson, s.HighestFlag, SubmissionStatus.New, now,
                [new StatusChange(null, SubmissionStatus.New, s.AnsweredById, now, null)]) { RepliesTo = s.RepliesTo };
            // A repeated reference is very unlikely (10^11 values), but the unique index would refuse it: draw again.
            var inserted = db.Execute($"""
                insert into submissions ({SubmissionColumns.Replace("::text", "")})
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                on conflict (reference) do nothing
                """, SubmissionRow(submission));
            if (inserted == 1)
                return submission;
        }
    }

    public Task<Submission?> GetSubmissionAsync(string id, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {SubmissionColumns} from submissions where id = $1", ToSubmission, id));

    public Task<Submission?> FindSubmissionByReferenceAsync(string reference, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {SubmissionColumns} from submissions where reference = $1", ToSubmission,
            SubmissionReference.Normalise(reference)));

    public Task<IReadOnlyList<Submission>> ListSubmissionsForPatientAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<Submission>>(ct, async db => await db.QueryAsync(ct,
            $"select {SubmissionColumns} from submissions where patient_id = $1 order by submitted_at desc, id collate \"C\"", ToSubmission,
            patientId));

    public Task<IReadOnlyList<QueuedSubmission>> ListQueueAsync(IReadOnlyCollection<SubmissionStatus> statuses,
        int limit, CancellationToken ct = default, string? practiceId = null)
    {
        if (statuses.Count == 0 || limit <= 0)
            return Task.FromResult<IReadOnlyList<QueuedSubmission>>([]);
        // Each status's first page comes straight off the queue index (practice, status, then queue order: at most
        // `limit` rows each), then they merge; only the row's own columns are read (not the answers, result or
        // history), and the patient's name, date of birth and NHS number by their primary key.
        var practice = practiceId is null ? "" : "and submissions.practice_id = $3";
        object?[] args = practiceId is null
            ? [statuses.Distinct().Select(s => s.ToString()).ToArray(), limit]
            : [statuses.Distinct().Select(s => s.ToString()).ToArray(), limit, practiceId];
        return Read<IReadOnlyList<QueuedSubmission>>(ct, async db => await db.QueryAsync(ct, $"""
            select s.id, s.reference, s.patient_id, s.questionnaire_id, s.questionnaire_version, s.questionnaire_hash,
                   s.flag, s.status, s.submitted_at, s.top_reason,
                   p.display_name, p.doc->>'DateOfBirth', p.doc->>'NhsNumber'
            from unnest($1::text[]) as wanted(status)
            cross join lateral (
                select id, reference, patient_id, questionnaire_id, questionnaire_version, questionnaire_hash,
                       flag, status, submitted_at, top_reason
                from submissions
                where submissions.status = wanted.status {practice}
                order by flag desc, submitted_at, id collate "C"
                limit $2) s
            left join people p on p.id = s.patient_id
            order by s.flag desc, s.submitted_at, s.id collate "C"
            limit $2
            """, ToQueued, args));
    }

    private static QueuedSubmission ToQueued(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), new QuestionnaireRef(r.GetString(3), r.GetString(4), r.GetString(5)),
        (FlagLevel)r.GetInt16(6), r.Enum<SubmissionStatus>(7), r.Time(8), r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : new QueuedPatient(r.GetString(10),
            r.IsDBNull(11) ? null : DateOnly.ParseExact(r.GetString(11), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            r.IsDBNull(12) ? null : r.GetString(12)));

    public Task<WaitingSummary> SummariseWaitingAsync(CancellationToken ct = default, string? practiceId = null) =>
        Read(ct, async db => new WaitingSummary(await db.QueryAsync(ct, $"""
            select flag, count(*)::int, min(submitted_at) from submissions
            where status in ($1, $2) {(practiceId is null ? "" : "and practice_id = $3")} group by flag order by flag desc
            """, r => new WaitingLevel((FlagLevel)r.GetInt16(0), r.GetInt32(1), r.Time(2)),
            practiceId is null
                ? [SubmissionStatus.New.ToString(), SubmissionStatus.InReview.ToString()]
                : [SubmissionStatus.New.ToString(), SubmissionStatus.InReview.ToString(), practiceId])));

    private Submission ChangeStatus(Db db, string submissionId, SubmissionStatus expected, SubmissionStatus next, string byId,
        string? note, PageIds? pages)
    {
        var current = LoadSubmission(db, submissionId, forUpdate: true);
        SubmissionWorkflow.EnsureCanMove(current, expected, next);
        return SaveStatus(db, WithStatus(current, next, byId, note, pages));
    }

    private Submission FileEntries(Db db, string submissionId, string filedBy, IReadOnlyList<NewRecordEntry> entries)
    {
        var current = LoadSubmission(db, submissionId, forUpdate: true);
        SubmissionWorkflow.EnsureCanFile(current, entries);
        foreach (var entry in entries)
            InsertEntry(db, entry with { SubmissionId = current.Id, FiledBy = filedBy }, supersedesId: null);
        return SaveStatus(db, WithStatus(current, SubmissionStatus.Filed, filedBy, null));
    }

    private static Submission SaveStatus(Db db, Submission updated)
    {
        db.Execute("update submissions set status = $2, history = $3 where id = $1",
            updated.Id, updated.Status.ToString(), HistoryDocument(updated.History));
        return updated;
    }

    /// <summary>The submission, locked until the transaction ends when <paramref name="forUpdate"/>.</summary>
    private static Submission LoadSubmission(Db db, string id, bool forUpdate) =>
        db.One($"select {SubmissionColumns} from submissions where id = $1{(forUpdate ? " for update" : "")}", ToSubmission, id)
        ?? throw new RecordNotFoundException("submission", id);

    private Submission WithStatus(Submission s, SubmissionStatus next, string byId, string? note, PageIds? pages = null) =>
        s with { Status = next, History = [.. s.History, new StatusChange(s.Status, next, byId, Now(), note) { Pages = pages ?? PageIds.None }] };
}
