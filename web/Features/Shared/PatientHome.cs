using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Features.Shared;

/// <summary>What a patient's home page lists, for the patient or a carer acting for them.</summary>
public sealed record PatientHome(
    Subject Subject,
    IReadOnlyList<PatientHome.Asked> AskedFor,
    IReadOnlyList<PatientHome.Offer> Available,
    IReadOnlyList<PatientHome.InProgress> Drafts,
    IReadOnlyList<PatientHome.Sent> Submissions,
    bool CanViewRecord)
{
    /// <summary>Questions the practice asked about returned submissions, not yet answered, newest first.</summary>
    public IReadOnlyList<PracticeQuestion> Questions { get; init; } = [];

    /// <summary>Messages from the practice the patient has not opened, newest first (only where the record may be
    /// seen; a question above is not listed again).</summary>
    public IReadOnlyList<Unread> UnreadMessages { get; init; } = [];

    public sealed record PracticeQuestion(string Title, string Reference, string Text, DateTimeOffset AskedAt, bool Started,
        string AnswerUrl, string SubmissionUrl);
    public sealed record Unread(string Subject, DateTimeOffset SentAt, string Url);

    public sealed record Asked(string Title, string? Description, DateOnly? Due, bool Overdue, string? StartUrl);
    public sealed record Offer(string Title, string? Description, string StartUrl);
    public sealed record InProgress(string QuestionnaireId, string Title, string? Description, int Answered, int Total,
        DateTimeOffset SavedAt, string ContinueUrl);
    public sealed record Sent(string Title, string Reference, DateTimeOffset SentAt, SubmissionStatus Status, FlagLevel Flag, string Url);

    public static async Task<PatientHome> BuildAsync(Subject subject, bool canViewRecord, QuestionnaireCatalog catalog,
        IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        var patientId = subject.Patient.Id;
        var today = UkTime.Today(clock);
        var assignments = (await store.ListAssignmentsAsync(patientId, ct)).Where(a => a.Status == AssignmentStatus.Open).ToList();
        var drafts = await store.ListDraftsAsync(patientId, ct);
        var submissions = await store.ListSubmissionsForPatientAsync(patientId, ct);

        string? About(string id) => catalog.Get(id)?.Definition.Description;
        // The practice's questions on returned submissions come first; asking for the questionnaire again is then the
        // question's own button, not a second way in that would start a blank draft.
        var questions = submissions.Select(s => Answering.ReturnedQuestion.Of(s, submissions)).OfType<Answering.ReturnedQuestion>()
            .Where(q => q.IsOpen).OrderByDescending(q => q.AskedAt).ToList();
        var questioned = questions.Select(q => q.Returned.Questionnaire.Id).ToHashSet(StringComparer.Ordinal);
        assignments = [.. assignments.Where(a => !questioned.Contains(a.QuestionnaireId))];
        var practiceQuestions = questions.Select(q => new PracticeQuestion(catalog.TitleOf(q.Returned.Questionnaire.Id),
            q.Returned.Reference, q.Text, q.AskedAt,
            drafts.Any(d => d.RepliesTo == q.Returned.Id),
            JourneyUrls.Sent(patientId, q.Returned.Id) + "?handler=Answer", JourneyUrls.Sent(patientId, q.Returned.Id))).ToList();
        var unread = new List<Unread>();
        if (canViewRecord)
        {
            var questionIds = questions.Select(q => q.Returned.Id).ToHashSet(StringComparer.Ordinal);
            unread = [.. (await store.ListMessagesAsync(patientId, ct))
                .Where(m => m.ReadAt is null && (m.SubmissionId is null || !questionIds.Contains(m.SubmissionId)))
                .Select(m => new Unread(m.Subject, m.SentAt, MessageUrl(patientId, m.Id)))];
        }

        var asked = assignments.Select(a => new Asked(catalog.TitleOf(a.QuestionnaireId), About(a.QuestionnaireId), a.DueDate, a.DueDate < today,
            catalog.Get(a.QuestionnaireId) is null ? null : DiaryUrls.StartOf(patientId, a.QuestionnaireId))).ToList();
        var busy = assignments.Select(a => a.QuestionnaireId).Concat(drafts.Select(d => d.Questionnaire.Id)).ToHashSet(StringComparer.Ordinal);
        var available = catalog.Offered.Where(q => !busy.Contains(q.Id) && !q.Definition.IsAssignedOnly)
            .Select(q => new Offer(q.Title, q.Definition.Description, DiaryUrls.StartOf(patientId, q.Id))).ToList();

        var inProgress = new List<InProgress>();
        foreach (var draft in drafts)
        {
            var journey = await Answering.Journey.LoadAsync(subject, draft.Questionnaire.Id, catalog, store, clock, ct);
            var progress = journey?.Session.Progress;
            inProgress.Add(new InProgress(draft.Questionnaire.Id, journey?.Questionnaire.Title ?? draft.Questionnaire.Id,
                About(draft.Questionnaire.Id), progress?.Answered ?? 0,
                progress?.Total ?? 0, draft.UpdatedAt, DiaryUrls.StartOf(patientId, draft.Questionnaire.Id)));
        }
        var sent = submissions.Select(s => new Sent(catalog.TitleOf(s.Questionnaire.Id), s.Reference, s.SubmittedAt, s.Status,
            s.HighestFlag, DiaryUrls.SentOf(patientId, s.Questionnaire.Id, s.Id))).ToList();
        return new PatientHome(subject, asked, available, inProgress, sent, canViewRecord)
        {
            Questions = practiceQuestions,
            UnreadMessages = unread,
        };
    }

    /// <summary>The same, for a carer acting for the patient when <paramref name="voice"/> is not the patient's own.</summary>
    public static string Describe(SubmissionStatus status, Voice voice) => voice.Self ? Describe(status) : status switch
    {
        SubmissionStatus.New => "Sent to their practice",
        SubmissionStatus.Filed => "Added to their record",
        SubmissionStatus.Returned => "Their practice has asked them to check it",
        _ => Describe(status),
    };

    /// <summary>Where one message from the practice is read (the Record feature's message page).</summary>
    public static string MessageUrl(string patientId, string messageId) =>
        $"/Messages/{Uri.EscapeDataString(patientId)}/{Uri.EscapeDataString(messageId)}";

    /// <summary>Words a patient understands for where their submission is.</summary>
    public static string Describe(SubmissionStatus status) => status switch
    {
        SubmissionStatus.New => "Sent to your practice",
        SubmissionStatus.InReview => "Being looked at",
        SubmissionStatus.Filed => "Added to your record",
        SubmissionStatus.Returned => "Your practice has asked you to check it",
        SubmissionStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}
