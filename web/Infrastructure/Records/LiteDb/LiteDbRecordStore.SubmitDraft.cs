using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<DraftSubmission> SubmitDraftAsync(NewSubmission submission, string draftKey, long expectedRevision,
        CancellationToken ct = default)
    {
        var id = DraftId(submission.PatientId, submission.Questionnaire.Id);
        return Write(ct, () => Submit(submission, draftKey, expectedRevision, id),
            committed: done => { if (done.IsNew) _drafts.Written(id, null); }, failed: () => _drafts.Forget(id));
    }

    private DraftSubmission Submit(NewSubmission submission, string draftKey, long expectedRevision, string id)
    {
        // Looked up first: the second of two submits finds the first's submission even though the draft is gone.
        // The key lives in its own collection so that status changes, which rewrite the submission, cannot drop it.
        if (FindById(Collection(SubmittedDrafts), draftKey) is { } seen
            && seen["patientId"].AsString == submission.PatientId)
            return new DraftSubmission(LoadSubmission(seen["submissionId"].AsString), IsNew: false);

        var draft = CurrentDraft(id);
        if (draft is null || draft.Key != draftKey || draft.Revision != expectedRevision)
            throw new RecordConflictException(ConflictKind.StaleRevision,
                $"Cannot submit the draft of '{submission.Questionnaire.Id}' at revision {expectedRevision}: " +
                (draft is null || draft.Key != draftKey ? "there is no such draft." : "it has changed since."));
        Collection(Drafts).Delete(id);
        var stored = InsertSubmission(submission);
        Collection(SubmittedDrafts).Insert(new BsonDocument
        {
            ["_id"] = draftKey,
            ["patientId"] = submission.PatientId,
            ["submissionId"] = stored.Id,
        });
        return new DraftSubmission(stored, IsNew: true);
    }
}
