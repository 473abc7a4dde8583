using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>
/// The review queue: submissions waiting (or in the status asked for), highest flag first and then longest waiting,
/// with filters, counts per level, what is new since this clinician last looked, and overdue assignments.
/// </summary>
public sealed class IndexModel(IRecordStore store, QuestionnaireCatalog catalog, TimeProvider clock) : PageModel
{
    private static readonly SubmissionStatus[] Waiting = [SubmissionStatus.New, SubmissionStatus.InReview];
    public const int Limit = 500;

    public sealed record Row(Submission Submission, string PatientName, string Title, bool IsNew, TimeSpan Waited);
    public sealed record Overdue(Assignment Assignment, string PatientName, string Title, int DaysOverdue);

    // Filters, from the query string (a GET form, so a filtered queue can be bookmarked).
    public FlagLevel? Level { get; private set; }
    public string? Questionnaire { get; private set; }
    public string Status { get; private set; } = "waiting";
    public string? Patient { get; private set; }

    public IReadOnlyList<Row> Queue { get; private set; } = [];
    public IReadOnlyList<(FlagLevel Level, int Count)> Counts { get; private set; } = [];
    public IReadOnlyList<Overdue> OverdueAssignments { get; private set; } = [];
    public DateTimeOffset? LastLooked { get; private set; }
    public int NewCount => Queue.Count(r => r.IsNew);
    public IEnumerable<(string Id, string Title)> Questionnaires =>
        catalog.Offered.Select(q => (q.Id, q.Title));

    public async Task OnGetAsync(string? level, string? questionnaire, string? status, string? patient, CancellationToken ct)
    {
        Level = Enum.TryParse<FlagLevel>(level, ignoreCase: true, out var l) ? l : null;
        Questionnaire = string.IsNullOrWhiteSpace(questionnaire) ? null : questionnaire;
        Status = status is not null && (status == "all" || Enum.TryParse<SubmissionStatus>(status, out _)) ? status : "waiting";
        Patient = string.IsNullOrWhiteSpace(patient) ? null : patient.Trim();
        var statuses = Status switch
        {
            "waiting" => Waiting,
            "all" => Enum.GetValues<SubmissionStatus>(),
            var one => [Enum.Parse<SubmissionStatus>(one)],
        };

        var me = User.PersonId();
        LastLooked = await store.RecordVisitAsync(me, "review-queue", ct);
        var now = clock.GetUtcNow();
        var submissions = await store.ListSubmissionsByStatusAsync(statuses, Limit, ct);
        var names = new PeopleNames(store);
        await names.LoadAsync(submissions.Select(s => s.PatientId), ct);
        var rows = submissions.Select(s => new Row(s, names[s.PatientId], catalog.TitleOf(s.Questionnaire.Id),
            LastLooked is null || s.SubmittedAt > LastLooked, now - s.SubmittedAt)).ToList();
        // Counts per level follow every filter but the level itself, so they say what choosing a level would show.
        var filtered = rows.Where(r => Questionnaire is null || r.Submission.Questionnaire.Id == Questionnaire)
            .Where(r => Patient is null || Matches(r, Patient)).ToList();
        Counts = [.. Enum.GetValues<FlagLevel>().Reverse().Select(x => (x, filtered.Count(r => r.Submission.HighestFlag == x)))];
        Queue = [.. filtered.Where(r => Level is null || r.Submission.HighestFlag == Level)];

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var overdue = (await store.ListOpenAssignmentsAsync(ct)).Where(a => a.DueDate < today).ToList();
        await names.LoadAsync(overdue.Select(a => a.PatientId), ct);
        OverdueAssignments = [.. overdue.Select(a => new Overdue(a, names[a.PatientId], catalog.TitleOf(a.QuestionnaireId),
            today.DayNumber - a.DueDate!.Value.DayNumber))];

        // The queue shows patients' names and flags, so looking at it is itself audited.
        await store.AppendAuditAsync(new AuditEntry(me, ReviewAudit.QueueViewed, null,
            $"{Queue.Count} submissions listed (status={Status}, level={Level?.ToString() ?? "any"}, questionnaire={Questionnaire ?? "any"}, patient={Patient ?? "any"}); {OverdueAssignments.Count} overdue assignments"), ct);
    }

    private static bool Matches(Row row, string patient) =>
        row.PatientName.Contains(patient, StringComparison.CurrentCultureIgnoreCase)
        || row.Submission.PatientId == patient
        || row.Submission.Reference.Contains(patient, StringComparison.OrdinalIgnoreCase);

    /// <summary>The NHS.UK tag colour for a flag level.</summary>
    public static string TagClass(FlagLevel level) => level switch
    {
        FlagLevel.Emergency => "nhsuk-tag--red he-tag-emergency",
        FlagLevel.Urgent => "nhsuk-tag--red",
        FlagLevel.Soon => "nhsuk-tag--orange",
        FlagLevel.Routine => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };

    /// <summary>A flag level in words.</summary>
    public static string LevelText(FlagLevel level) => level switch
    {
        FlagLevel.None => "No flag",
        _ => level.ToString(),
    };

    /// <summary>How long something has waited, in the largest sensible unit.</summary>
    public static string Waited(TimeSpan t) => t.TotalMinutes < 60 ? $"{Math.Max(0, (int)t.TotalMinutes)} min"
        : t.TotalHours < 48 ? $"{(int)t.TotalHours} h" : $"{(int)t.TotalDays} days";
}
