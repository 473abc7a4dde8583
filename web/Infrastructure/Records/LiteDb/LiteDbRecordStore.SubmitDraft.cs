using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{

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
