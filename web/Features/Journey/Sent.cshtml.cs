using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>
/// The confirmation of one submission, with its reference and what happens next: when the practice will read it (from
/// its opening hours) and what to do meanwhile. For a submission flagged emergency it is the stop page: what to do now
/// comes first, in the rule's own words. For a submission the practice returned, it shows the practice's question and
/// starts the answer (<see cref="OnPostAnswerAsync"/>).
/// </summary>
public sealed class SentModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock,
    OpeningHours hours) : SubjectPageModel(access)
{
    /// <summary>The audit trail's names for a patient opening the practice's question and starting to answer it.</summary>
    public const string QuestionOpened = "returned.question-opened", AnswerStarted = "returned.answer-started";

    public Submission Submission { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<StoredFlag> Flags { get; private set; } = [];
    /// <summary>The practice's question, when it returned this submission.</summary>
    public ReturnedQuestion? Question { get; private set; }
    /// <summary>The draft answering the question, once started.</summary>
    public Draft? AnswerDraft { get; private set; }
    /// <summary>This submission answers an earlier one the practice returned: that one.</summary>
    public Submission? Answers { get; private set; }
    /// <summary>When the practice will read it; null when its opening hours are not known.</summary>
    public OpeningHours.ReadBy? ReadBy { get; private set; }
    public string? Problem { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>"today", or "on Monday 8 December": the day the practice will read it, seen from today.</summary>
    public string ReadDay(OpeningHours.ReadBy by) => by.Day == Today ? "today" : "on " + UkTime.DayName(by.Day);

    public async Task<IActionResult> OnGetAsync(string subject, string submissionId, CancellationToken ct)
    {
        if (await LoadAsync(subject, submissionId, ct) is { } refused)
            return refused;
        if (Question is { IsOpen: true })
        {
            await MarkQuestionReadAsync(ct);
            await store.AppendAuditAsync(new AuditEntry(Subject.ActorId, QuestionOpened, Subject.Patient.Id, Submission.Reference), ct);
        }
        return Page();
    }

    /// <summary>The practice's message asking the question is read once the patient sees it here or answers it from
    /// their home page (by the patient: a carer's look does not count, as on the record).</summary>
    private async Task MarkQuestionReadAsync(CancellationToken ct)
    {
        if (!Subject.IsSelf)
            return;
        foreach (var message in (await store.ListMessagesAsync(Subject.Patient.Id, ct))
                     .Where(m => m.SubmissionId == Submission.Id && m.ReadAt is null))
            await store.MarkMessageReadAsync(message.Id, ct);
    }

    /// <summary>Starts answering the practice's question: a draft of the same questionnaire with the earlier answers
    /// filled in, linked to this submission; then the pages the practice asked about (or the check page).</summary>
    public async Task<IActionResult> OnPostAnswerAsync(string subject, string submissionId, CancellationToken ct)
    {
        if (await LoadAsync(subject, submissionId, ct) is { } refused)
            return refused;
        var here = JourneyUrls.Sent(Subject.Patient.Id, Submission.Id);
        if (Question is null)
            return Redirect(here);
        if (Question.Answer is { } answered)
            return Redirect(JourneyUrls.Sent(Subject.Patient.Id, answered.Id));
        var started = await ReturnedQuestion.StartAsync(Subject, Submission, catalog, store, clock, ct);
        if (started is null)
        {
            Problem = "This questionnaire is no longer offered, so it cannot be filled in again. Contact your GP practice to answer their question.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        await MarkQuestionReadAsync(ct);
        if (started.IsNew)
            await store.AppendAuditAsync(new AuditEntry(Subject.ActorId, AnswerStarted, Subject.Patient.Id,
                $"{Submission.Reference} {Submission.Questionnaire.Id} {started.Draft.Questionnaire.Version}"), ct);
        // A returned diary is answered on the diary page, with the earlier readings listed there.
        if (Submission.Questionnaire.Id == DiaryQuestionnaire.Id)
            return Redirect(Shared.HomeReadings.DiaryUrls.Diary(Subject.Patient.Id));
        var journey = await Shared.Answering.Journey.LoadAsync(Subject, Submission.Questionnaire.Id, catalog, store, clock, ct);
        if (journey is null)
            return Redirect(here);
        var questionnaireId = journey.Questionnaire.Id;
        // Answers the current version has no question for are shown first, on the start page, before going on.
        var dropped = await ReturnedQuestion.DroppedAsync(Submission, journey.Questionnaire, Subject, catalog, store, clock, ct);
        if (dropped.Count > 0)
            return Redirect(JourneyUrls.Start(Subject.Patient.Id, questionnaireId));
        return Redirect(ReturnedQuestion.FirstAskedPage(journey, Question.Pages) is { } page
            ? JourneyUrls.Page(Subject.Patient.Id, questionnaireId, page.Id)
            : JourneyUrls.Check(Subject.Patient.Id, questionnaireId));
    }

    private async Task<IActionResult?> LoadAsync(string subject, string submissionId, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.Fill, ct) is { } refused)
            return refused;
        // Someone else's submission id gets the same answer as one that does not exist.
        if (await store.GetSubmissionAsync(submissionId, ct) is not { } submission || submission.PatientId != Subject.Patient.Id)
            return NotFound();
        Submission = submission;
        Title = catalog.TitleOf(submission.Questionnaire.Id);
        Flags = StoredResult.Read(submission.ResultJson).Flags;
        Question = await ReturnedQuestion.ReadAsync(submission, store, ct);
        if (Question is { IsOpen: true } && await store.GetDraftAsync(Subject.Patient.Id, submission.Questionnaire.Id, ct) is { } draft
            && draft.RepliesTo == submission.Id)
            AnswerDraft = draft;
        Answers = submission.RepliesTo is { } earlier && await store.GetSubmissionAsync(earlier, ct) is { } answered
                  && answered.PatientId == Subject.Patient.Id
            ? answered
            : null;
        ReadBy = hours.WhenRead(submission.SubmittedAt);
        Today = UkTime.Today(clock);
        return null;
    }

    public bool IsEmergency => Submission.HighestFlag == FlagLevel.Emergency;

    /// <summary>What the rules of one level told the patient, in their own words.</summary>
    public IEnumerable<string> Words(Definitions.FlagLevel level) => Flags.Where(f => f.Level == level && f.Patient.Length > 0).Select(f => f.Patient);

    public string AnswerUrl => JourneyUrls.Sent(Subject.Patient.Id, Submission.Id) + "?handler=Answer";
}
