using System.Text.Json;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// A submission the practice returned with a question (issue 15 point 6), and answering it: a new draft of the same
/// questionnaire with the earlier answers filled in, which names the returned submission so the new submission is
/// linked to it. Answers that no longer fit the current version are not carried over, and the patient is shown them.
/// </summary>
public sealed record ReturnedQuestion(Submission Returned, string Text, DateTimeOffset AskedAt, PageIds Pages, Submission? Answer)
{
    /// <summary>The practice's question on a returned submission (null when it is not returned, or has no words).</summary>
    public static ReturnedQuestion? Of(Submission returned, IEnumerable<Submission> patientsSubmissions)
    {
        if (returned.Status != SubmissionStatus.Returned
            || returned.History.LastOrDefault(h => h.To == SubmissionStatus.Returned) is not { } step)
            return null;
        var answer = patientsSubmissions.Where(s => s.RepliesTo == returned.Id).OrderBy(s => s.SubmittedAt).FirstOrDefault();
        return new ReturnedQuestion(returned, step.Note?.Trim() ?? "", step.At, step.Pages, answer);
    }

    /// <summary>As <see cref="Of"/>, reading the patient's submissions (to find the answer sent to it) only when the
    /// submission was returned: for any other there is no question, and nothing to read.</summary>
    public static async Task<ReturnedQuestion?> ReadAsync(Submission submission, IRecordStore store, CancellationToken ct) =>
        submission.Status == SubmissionStatus.Returned
            ? Of(submission, await store.ListSubmissionsForPatientAsync(submission.PatientId, ct))
            : null;

    /// <summary>True until the patient has sent their answer.</summary>
    public bool IsOpen => Answer is null;

    /// <summary>What starting to answer did: the draft to carry on with, and where to take the patient.</summary>
    public sealed record Started(Draft Draft, bool IsNew);

    /// <summary>
    /// Makes the draft that answers <paramref name="returned"/>, or finds it: one draft per patient and questionnaire,
    /// so starting twice (or in two tabs at once) gives the same draft. A draft of the questionnaire begun some other
    /// way keeps the patient's own latest answers and is linked to the question. Null when the questionnaire is no
    /// longer offered.
    /// </summary>
    public static async Task<Started?> StartAsync(Subject subject, Submission returned, QuestionnaireCatalog catalog,
        IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await store.GetDraftAsync(subject.Patient.Id, returned.Questionnaire.Id, ct);
            if (existing?.RepliesTo == returned.Id)
                return new Started(existing, IsNew: false);
            try
            {
                if (existing is not null)
                {
                    var linked = await store.SaveDraftAsync(new DraftChange(existing.PatientId, existing.Questionnaire,
                        existing.AnswersJson, subject.ActorId) { RepliesTo = returned.Id }, existing.Revision, ct);
                    return new Started(linked, IsNew: false);
                }
                if (catalog.Get(returned.Questionnaire.Id) is not { } current)
                    return null;
                var carried = CarryOver(returned, current, clock, subject);
                var made = await store.SaveDraftAsync(new DraftChange(subject.Patient.Id, QuestionnaireCatalog.RefTo(current),
                    carried.AnswersJson, subject.ActorId) { RepliesTo = returned.Id }, 0, ct);
                return new Started(made, IsNew: true);
            }
            catch (RecordConflictException)
            {
                // Another tab started (or saved) at the same moment: look again, and find its draft.
            }
        }
        throw new RecordConflictException(ConflictKind.StaleRevision, "The draft kept changing while the answer was started.");
    }

    /// <summary>The earlier answers as far as <paramref name="current"/> still has their questions, and the paths of
    /// those it has not (left out of the draft).</summary>
    public static (string AnswersJson, IReadOnlyList<string> Dropped) CarryOver(Submission returned, CompiledQuestionnaire current,
        TimeProvider clock, Subject subject)
    {
        var session = current.CreateSession(UkTime.Clock(clock), subject.Patient.Context);
        using (var answers = JsonDocument.Parse(returned.AnswersJson))
            session.SetAnswers(answers.RootElement);
        // The engine keeps an answer that fails a check (so the patient sees it with the problem on its page), and
        // reports a question the version does not have: only those are left out.
        var dropped = session.Errors.Where(e => e.Code == Codes.AnswerUnknownItem.Code).Select(e => e.Path).Distinct().ToList();
        return (session.ExportAnswers(), dropped);
    }

    /// <summary>An earlier answer the current questionnaire has no question for: the question and the patient's words
    /// as they were, so nothing they wrote is lost without their knowing.</summary>
    public sealed record Dropped(string Question, string Answer);

    /// <summary>The earlier answers not carried over into a draft made from <paramref name="returned"/>.</summary>
    public static async Task<IReadOnlyList<Dropped>> DroppedAsync(Submission returned, CompiledQuestionnaire draftVersion,
        Subject subject, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        if (returned.Questionnaire.ContentHash == draftVersion.Hash)
            return [];
        var (_, paths) = CarryOver(returned, draftVersion, clock, subject);
        if (paths.Count == 0)
            return [];
        var replay = await SubmissionReplay.LoadAsync(returned, catalog, store, clock, ct);
        return [.. paths.Select(path =>
        {
            var id = LastId(path);
            var item = replay?.Questionnaire.GetItem(id);
            var question = item is null ? id : AnswerText.Question(item);
            var answer = item is null ? null
                : item.IsRepeating ? $"{replay!.Session.InstanceCount(path)} entries"
                : AnswerText.Format(item, replay!.Session.GetAnswer(path));
            return new Dropped(question, answer ?? "(no answer)");
        })];
    }

    // "meds[1].dose" names the item "dose".
    private static string LastId(string path)
    {
        var last = path[(path.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? last : last[..bracket];
    }

    /// <summary>Where answering begins in <paramref name="journey"/>: the first page the practice asked about that the
    /// patient's answers still show, else null (the check page).</summary>
    public static Page? FirstAskedPage(Journey journey, PageIds pages) =>
        journey.Session.EnabledPages.FirstOrDefault(p => pages.Contains(p.Id, StringComparer.Ordinal));
}
