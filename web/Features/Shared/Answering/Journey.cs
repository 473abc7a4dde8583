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
/// One patient's way through one questionnaire: the draft (if any), the exact questionnaire version it was started
/// with, and a session holding its answers. Built fresh for each request from the store; nothing is kept in memory
/// between requests, so a patient can carry on from any device.
/// </summary>
public sealed class Journey
{
    private Journey(Subject subject, CompiledQuestionnaire questionnaire, Session session, Draft? draft)
    {
        Subject = subject;
        Questionnaire = questionnaire;
        Session = session;
        Draft = draft;
    }

    public Subject Subject { get; }
    public CompiledQuestionnaire Questionnaire { get; }
    public Session Session { get; }
    public Draft? Draft { get; private set; }

    /// <summary>The draft revision this journey was loaded at (0: none yet).</summary>
    public long Revision => Draft?.Revision ?? 0;

    /// <summary>Loads the draft and the version it was answered with; a questionnaire with no draft starts on its
    /// current version. Null when the questionnaire is not offered and there is no draft of it.</summary>
    public static async Task<Journey?> LoadAsync(Subject subject, string questionnaireId, QuestionnaireCatalog catalog,
        IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        var draft = await store.GetDraftAsync(subject.Patient.Id, questionnaireId, ct);
        var questionnaire = draft is null
            ? catalog.Get(questionnaireId)
            : await catalog.ResolveAsync(draft.Questionnaire, store, ct) ?? catalog.Get(questionnaireId);
        if (questionnaire is null)
            return null;
        // The engine's today() and now() in UK time, the time patients type (issue 12 point 3).
        var session = questionnaire.CreateSession(UkTime.Clock(clock), await ContextAsync(subject, questionnaire, store, ct));
        if (draft is not null)
        {
            using var answers = JsonDocument.Parse(draft.AnswersJson);
            session.SetAnswers(answers.RootElement);
        }
        if (!subject.IsSelf)
            AnswerWhoIsFillingIn(session, subject);
        return new Journey(subject, questionnaire, session, draft);
    }

    /// <summary>
    /// What the session is told: who the patient is, who is filling in (a carer by name), and, for a questionnaire that
    /// reads the record (an x-fhir-query for the patient's Observations), the values filed in it, so that it does not
    /// ask what the practice already knows. The record is read only for such a questionnaire.
    /// </summary>
    private static async Task<PatientContext> ContextAsync(Subject subject, CompiledQuestionnaire questionnaire, IRecordStore store,
        CancellationToken ct)
    {
        var context = subject.Patient.Context with { AnsweredBy = subject.IsSelf ? null : subject.ActorName };
        if (!questionnaire.ReadsPatientRecord)
            return context;
        var entries = await store.ListRecordEntriesAsync(subject.Patient.Id, includeSuperseded: false, ct);
        return context with { Observations = [.. RecordEntry.AsObservations(entries)] };
    }

    /// <summary>
    /// A carer is answering: the file's "who is filling in this form" question (<c>who_answers</c>), while unanswered,
    /// is answered with its option for someone else, and the helper's name question with the carer's own name. The
    /// answers show on the page for the carer to change, and are saved with the page like any other.
    /// </summary>
    private static void AnswerWhoIsFillingIn(Session session, Subject subject)
    {
        if (session.Questionnaire.Definition.WhoAnswers is not { } who || session.GetAnswer(who.Item) is not null)
            return;
        session.SetAnswer(who.Item, who.SomeoneElse);
        if (who.Name is { } name && session.GetAnswer(name) is null && session.IsEnabledAt(name) && subject.ActorName.Length > 0)
            session.SetAnswer(name, subject.ActorName);
    }

    /// <summary>What a patient is told when the answers as a whole are over <see cref="Infrastructure.Records.Model.Draft.MaxAnswersBytes"/>.</summary>
    public const string TooLargeToSave =
        "Your answers are too long to save. Make your longest answers shorter, then try again.";

    /// <summary>The paths of answers to these page items that are longer than their question allows. The engine keeps
    /// such an answer, so the page can show the patient what they wrote with the message, but it is never saved.</summary>
    public IReadOnlyList<string> OverLongAnswers(IReadOnlySet<string> pageRootIds) =>
        [.. Session.Errors.Where(e => e.Code == Codes.AnswerTooLong.Code && AnswerPaths.IsOnPage(Questionnaire, e.Path, pageRootIds))
            .Select(e => e.Path)];

    /// <summary>Saves the answers as the next revision of the draft, if it is still at <paramref name="expectedRevision"/>;
    /// a <see cref="RecordConflictException"/> says another tab or device saved first, a
    /// <see cref="RecordTooLargeException"/> that the answers are over the draft size limit (nothing is saved).</summary>
    public async Task SaveAsync(IRecordStore store, long expectedRevision, CancellationToken ct)
    {
        // A draft answering the practice's question keeps saying so on every save.
        Draft = await store.SaveDraftAsync(new DraftChange(Subject.Patient.Id, QuestionnaireCatalog.RefTo(Questionnaire),
            Session.ExportAnswers(), Subject.ActorId) { RepliesTo = Draft?.RepliesTo }, expectedRevision, ct);
    }

    /// <summary>Sends the saved draft to the practice: a frozen snapshot of answers and result (see <see cref="SubmitDraft"/>).
    /// Submitting the same draft again returns the submission made the first time.</summary>
    public Task<DraftSubmission> SubmitAsync(IRecordStore store, string draftKey, long expectedRevision, CancellationToken ct)
    {
        var result = Session.Result();
        var submission = new NewSubmission(Subject.Patient.Id, Subject.ActorId, QuestionnaireCatalog.RefTo(Questionnaire),
            Session.ExportAnswers(), ResultJson.Write(result), StoredFlagLevel.From(result.HighestLevel)) { RepliesTo = Draft?.RepliesTo };
        return SubmitDraft.RunAsync(store, submission, draftKey, expectedRevision, Questionnaire.Version, ct);
    }
}
