using System.Text;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// Drafts: the revision check is the UPDATE's own condition, so there is no window between checking and writing, and
// no cache: the row in the database is the truth for every site instance.
internal sealed partial class PostgreSqlRecordStore
{
    private const string DraftColumns =
        "patient_id, questionnaire_id, questionnaire_version, questionnaire_hash, answers::text, revision, updated_at, updated_by, draft_key, replies_to";

    private static Draft ToDraft(NpgsqlDataReader r) => new(
        r.GetString(0),
        new QuestionnaireRef(r.GetString(1), r.GetString(2), r.GetString(3)),
        r.GetString(4),
        r.GetInt64(5),
        r.Time(6),
        r.GetString(7),
        r.GetString(8)) { RepliesTo = r.IsDBNull(9) ? null : r.GetString(9) };

    public Task<Draft?> GetDraftAsync(string patientId, string questionnaireId, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {DraftColumns} from drafts where patient_id = $1 and questionnaire_id = $2",
            ToDraft, patientId, questionnaireId));

    public Task<IReadOnlyList<Draft>> ListDraftsAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<Draft>>(ct, async db => await db.QueryAsync(ct,
            $"select {DraftColumns} from drafts where patient_id = $1 order by updated_at desc, questionnaire_id collate \"C\"", ToDraft, patientId));

    public Task<Draft> SaveDraftAsync(DraftChange change, long expectedRevision, CancellationToken ct = default)
    {
        var bytes = Encoding.UTF8.GetByteCount(change.AnswersJson);
        if (bytes > Draft.MaxAnswersBytes)
            return Task.FromException<Draft>(new RecordTooLargeException("draft", bytes, Draft.MaxAnswersBytes));
        return Write(ct, db =>
        {
            var q = change.Questionnaire;
            var now = Now();
            var saved = expectedRevision == 0
                ? db.One($"""
                    insert into drafts ({DraftColumns.Replace("::text", "")})
                    values ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)
                    on conflict (patient_id, questionnaire_id) do nothing
                    returning {DraftColumns}
                    """, ToDraft, change.PatientId, q.Id, q.Version, q.ContentHash, Db.Json(change.AnswersJson), now,
                    change.EditedBy, NewId(), Db.Text(change.RepliesTo))
                : db.One($"""
                    update drafts set questionnaire_version = $3, questionnaire_hash = $4, answers = $5,
                        revision = revision + 1, updated_at = $6, updated_by = $7, replies_to = $9
                    where patient_id = $1 and questionnaire_id = $2 and revision = $8
                    returning {DraftColumns}
                    """, ToDraft, change.PatientId, q.Id, q.Version, q.ContentHash, Db.Json(change.AnswersJson), now,
                    change.EditedBy, expectedRevision, Db.Text(change.RepliesTo));
            if (saved is null)
                throw new RecordConflictException(ConflictKind.StaleRevision,
                    $"Cannot save the draft of '{q.Id}' made from revision {expectedRevision}: " +
                    $"it is now at revision {CurrentRevision(db, change.PatientId, q.Id)}.");
            return saved;
        });
    }

    private static long CurrentRevision(Db db, string patientId, string questionnaireId) =>
        db.Query("select revision from drafts where patient_id = $1 and questionnaire_id = $2", r => r.GetInt64(0),
            patientId, questionnaireId).FirstOrDefault();

    public Task DeleteDraftAsync(string patientId, string questionnaireId, long expectedRevision,
        CancellationToken ct = default) => Write(ct, db =>
    {
        var deleted = db.Execute("delete from drafts where patient_id = $1 and questionnaire_id = $2 and revision = $3",
            patientId, questionnaireId, expectedRevision);
        if (deleted == 0)
        {
            var revision = CurrentRevision(db, patientId, questionnaireId);
            throw new RecordConflictException(ConflictKind.StaleRevision,
                $"Cannot delete the draft of '{questionnaireId}' at revision {expectedRevision}: " +
                (revision == 0 ? "there is no such draft." : $"it is now at revision {revision}."));
        }
        return deleted;
    });

    private DraftSubmission SubmitDraft(Db db, NewSubmission submission, string draftKey, long expectedRevision)
    {
        // The draft's row is locked first: a second submit of the same draft waits here until the first commits, and
        // then finds the draft gone and the key recorded (read by the next statement, which sees that commit).
        var draft = db.One($"select {DraftColumns} from drafts where patient_id = $1 and questionnaire_id = $2 for update",
            ToDraft, submission.PatientId, submission.Questionnaire.Id);
        var seen = db.Query("select submission_id from submitted_drafts where draft_key = $1 and patient_id = $2",
            r => r.GetString(0), draftKey, submission.PatientId).FirstOrDefault();
        if (seen is not null)
            return new DraftSubmission(LoadSubmission(db, seen, forUpdate: false), IsNew: false);
        if (draft is null || draft.Key != draftKey || draft.Revision != expectedRevision)
            throw new RecordConflictException(ConflictKind.StaleRevision,
                $"Cannot submit the draft of '{submission.Questionnaire.Id}' at revision {expectedRevision}: " +
                (draft is null || draft.Key != draftKey ? "there is no such draft." : "it has changed since."));
        db.Execute("delete from drafts where patient_id = $1 and questionnaire_id = $2",
            submission.PatientId, submission.Questionnaire.Id);
        var stored = InsertSubmission(db, submission);
        db.Execute("insert into submitted_drafts (draft_key, patient_id, submission_id) values ($1, $2, $3)",
            draftKey, submission.PatientId, stored.Id);
        return new DraftSubmission(stored, IsNew: true);
    }
}
