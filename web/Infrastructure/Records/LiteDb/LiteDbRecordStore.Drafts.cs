using System.Text;
using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<Draft?> GetDraftAsync(string patientId, string questionnaireId, CancellationToken ct = default) =>
        Read(ct, () =>
        {
            var id = DraftId(patientId, questionnaireId);
            if (_drafts.TryGet(id, out var known))
                return known;
            var generation = _drafts.Generation;
            var draft = ReadDraft(id);
            _drafts.Fill(id, draft, generation);
            return draft;
        });

    private Draft? ReadDraft(string id) => FindById(Collection(Drafts), id) is { } doc ? ToDraft(doc) : null;

    /// <summary>The draft as it stands, for a write under the gate: no write can come between the cache and the file
    /// there, so a cached entry is the stored state.</summary>
    private Draft? CurrentDraft(string id) => _drafts.TryGet(id, out var known) ? known : ReadDraft(id);

    public Task<IReadOnlyList<Draft>> ListDraftsAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<Draft>>(ct, () => Collection(Drafts).Find(Bson.Eq("patientId", patientId))
            .Select(ToDraft).OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Questionnaire.Id, StringComparer.Ordinal).ToList());

    public Task<Draft> SaveDraftAsync(DraftChange change, long expectedRevision, CancellationToken ct = default)
    {
        var id = DraftId(change.PatientId, change.Questionnaire.Id);
        var bytes = Encoding.UTF8.GetByteCount(change.AnswersJson);
        if (bytes > Draft.MaxAnswersBytes)
            return Task.FromException<Draft>(new RecordTooLargeException("draft", bytes, Draft.MaxAnswersBytes));
        return Write(ct, () =>
        {
            var current = CurrentDraft(id);
            var revision = current?.Revision ?? 0;
            if (revision != expectedRevision)
                throw new RecordConflictException(ConflictKind.StaleRevision,
                    $"Cannot save the draft of '{change.Questionnaire.Id}' made from revision {expectedRevision}: " +
                    $"it is now at revision {revision}.");
            var key = current?.Key ?? NewId();
            var draft = new Draft(change.PatientId, change.Questionnaire, change.AnswersJson, revision + 1, Now(),
                change.EditedBy, key) { RepliesTo = change.RepliesTo };
            Collection(Drafts).Upsert(ToDocument(draft));
            return draft;
        }, committed: draft => _drafts.Written(id, draft), failed: () => _drafts.Forget(id));
    }

    public Task DeleteDraftAsync(string patientId, string questionnaireId, long expectedRevision,
        CancellationToken ct = default)
    {
        var id = DraftId(patientId, questionnaireId);
        return Write(ct, () =>
        {
            var current = CurrentDraft(id);
            var revision = current?.Revision ?? 0;
            if (current is null || revision != expectedRevision)
                throw new RecordConflictException(ConflictKind.StaleRevision,
                    $"Cannot delete the draft of '{questionnaireId}' at revision {expectedRevision}: " +
                    (current is null ? "there is no such draft." : $"it is now at revision {revision}."));
            return Collection(Drafts).Delete(id);
        }, committed: _ => _drafts.Written(id, null), failed: () => _drafts.Forget(id));
    }

    // One draft per patient and questionnaire: the pair is the key, so two saves cannot create two drafts.
    private static string DraftId(string patientId, string questionnaireId) => $"{patientId}/{questionnaireId}";

    private static BsonDocument ToDocument(Draft d)
    {
        var doc = new BsonDocument
        {
            ["_id"] = DraftId(d.PatientId, d.Questionnaire.Id),
            ["patientId"] = d.PatientId,
            ["questionnaire"] = ToDocument(d.Questionnaire),
            ["answers"] = d.AnswersJson,
            ["revision"] = d.Revision,
            ["updatedAt"] = Bson.Time(d.UpdatedAt),
            ["updatedBy"] = d.UpdatedBy,
            ["key"] = d.Key,
        };
        if (d.RepliesTo is { } answered)
            doc["repliesTo"] = answered;
        return doc;
    }

    // Drafts written before keys existed use their id, which is stable for as long as the draft lives.
    private static string DraftKey(BsonDocument d) => d["key"].IsNull ? d["_id"].AsString : d["key"].AsString;

    private static Draft ToDraft(BsonDocument d) => new(
        d["patientId"].AsString,
        ToQuestionnaireRef(d["questionnaire"].AsDocument),
        d["answers"].AsString,
        d["revision"].AsInt64,
        Bson.ReadTime(d["updatedAt"]),
        d["updatedBy"].AsString,
        DraftKey(d))
    {
        RepliesTo = d.TryGetValue("repliesTo", out var answered) && answered.IsString ? answered.AsString : null,
    };

    private static BsonDocument ToDocument(QuestionnaireRef q) => new()
    {
        ["id"] = q.Id,
        ["version"] = q.Version,
        ["hash"] = q.ContentHash,
    };

    private static QuestionnaireRef ToQuestionnaireRef(BsonDocument d) =>
        new(d["id"].AsString, d["version"].AsString, d["hash"].AsString);
}
