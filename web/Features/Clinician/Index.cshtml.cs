using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>
/// The review queue: submissions waiting (or in the status asked for), highest flag first and then longest waiting,
/// with filters (folded away, and remembered in a cookie until changed or cleared), counts per level, how long the
/// oldest has waited, what is new since this clinician last looked, and overdue assignments. Each row gives what
/// decides which to open first: the top flag's reason, and who the patient is (age, NHS number).
/// </summary>
public sealed class IndexModel(IRecordStore store, QuestionnaireCatalog catalog, WaitingWork waiting, TimeProvider clock) : PageModel
{
    /// <summary>The cookie that remembers the queue's filters (a query string; nothing about a patient but what the
    /// clinician typed in the patient filter, kept only in their own browser, HttpOnly, for this path).</summary>
    public const string FiltersCookie = "he-queue-filters";
    private static readonly SubmissionStatus[] Waiting = [SubmissionStatus.New, SubmissionStatus.InReview];
    public const int Limit = 500;

    public sealed record Row(QueuedSubmission Submission, string PatientName, string Title, bool IsNew, TimeSpan Waited,
        string? Reason, string Age, string? NhsNumber);
    public sealed record Overdue(Assignment Assignment, string PatientName, string Title, int DaysOverdue);
    public sealed record PlanRow(PlanAlert Alert, string PatientName, TimeSpan Waited);
    public const int PlanAlertLimit = 100;

    // Filters, from the query string (a GET form, so a filtered queue can be bookmarked).
    public FlagLevel? Level { get; private set; }
    public string? Questionnaire { get; private set; }
    public string Status { get; private set; } = "waiting";
    public string? Patient { get; private set; }

    public IReadOnlyList<Row> Queue { get; private set; } = [];
    public IReadOnlyList<(FlagLevel Level, int Count)> Counts { get; private set; } = [];
    public IReadOnlyList<Overdue> OverdueAssignments { get; private set; } = [];
    /// <summary>Care plans' flags not yet reviewed (the practice's), highest level first, then oldest.</summary>
    public IReadOnlyList<PlanRow> PlanAlerts { get; private set; } = [];
    public DateTimeOffset? LastLooked { get; private set; }
    /// <summary>How long the oldest waiting submission (any level) has waited; null when none waits.</summary>
    public TimeSpan? OldestWait { get; private set; }
    /// <summary>How many filters differ from the default (all waiting submissions).</summary>
    public int FiltersApplied => (Level is null ? 0 : 1) + (Questionnaire is null ? 0 : 1) + (Status == "waiting" ? 0 : 1) + (Patient is null ? 0 : 1);
    public int NewCount => Queue.Count(r => r.IsNew);
    public IEnumerable<(string Id, string Title)> Questionnaires =>
        catalog.Offered.Select(q => (q.Id, q.Title));

    public async Task OnGetAsync(string? level, string? questionnaire, string? status, string? patient, bool clear, CancellationToken ct)
    {
        (level, questionnaire, status, patient) = RememberedFilters(level, questionnaire, status, patient, clear);
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
        var submissions = await store.ListQueueAsync(statuses, Limit, ct, User.PracticeId());
        var names = new PeopleNames(store);
        var today = UkTime.Today(clock);
        Row ToRow(QueuedSubmission s) => new(s, s.Patient?.DisplayName ?? $"unknown person ({s.PatientId})",
            catalog.TitleOf(s.Questionnaire.Id), LastLooked is null || s.SubmittedAt > LastLooked, now - s.SubmittedAt,
            s.TopReason, Age.Text(s.Patient?.DateOfBirth, today), s.Patient?.NhsNumber is { } nhs ? NhsNumber.Show(nhs) : null);
        var rows = submissions.Select(ToRow).ToList();
        OldestWait = (await waiting.GetAsync(User, ct)).OldestSubmittedAt is { } oldest ? now - oldest : null;
        // Counts per level follow every filter but the level itself, so they say what choosing a level would show.
        var filtered = rows.Where(r => Questionnaire is null || r.Submission.Questionnaire.Id == Questionnaire)
            .Where(r => Patient is null || Matches(r, Patient)).ToList();
        Counts = [.. Enum.GetValues<FlagLevel>().Reverse().Select(x => (x, filtered.Count(r => r.Submission.HighestFlag == x)))];
        Queue = [.. filtered.Where(r => Level is null || r.Submission.HighestFlag == Level)];

        var dueToday = DateOnly.FromDateTime(now.UtcDateTime);
        var overdue = (await store.ListOpenAssignmentsAsync(ct, User.PracticeId())).Where(a => a.DueDate < dueToday).ToList();
        await names.LoadAsync(overdue.Select(a => a.PatientId), ct);
        OverdueAssignments = [.. overdue.Select(a => new Overdue(a, names[a.PatientId], catalog.TitleOf(a.QuestionnaireId),
            dueToday.DayNumber - a.DueDate!.Value.DayNumber))];

        var alerts = await store.ListOpenPlanAlertsAsync(PlanAlertLimit, ct, User.PracticeId());
        await names.LoadAsync(alerts.Select(a => a.PatientId), ct);
        PlanAlerts = [.. alerts.Select(a => new PlanRow(a, names[a.PatientId], now - a.RaisedAt))];

        // The queue shows patients' names and flags, so looking at it is itself audited.
        await store.AppendAuditAsync(new AuditEntry(me, ReviewAudit.QueueViewed, null,
            $"{Queue.Count} submissions listed (status={Status}, level={Level?.ToString() ?? "any"}, questionnaire={Questionnaire ?? "any"}, patient={Patient ?? "any"}); {OverdueAssignments.Count} overdue assignments; {PlanAlerts.Count} care plan alerts"), ct);
    }

    /// <summary>
    /// The filters to use: those in the query string (remembered for next time), or with none given those remembered,
    /// or none after "clear". The cookie holds only a query string, read back through the same checks as the URL.
    /// </summary>
    private (string?, string?, string?, string?) RememberedFilters(string? level, string? questionnaire, string? status,
        string? patient, bool clear)
    {
        if (clear)
        {
            Response.Cookies.Delete(FiltersCookie, CookieOptions());
            return (null, null, null, null);
        }
        var given = Request.Query.ContainsKey("level") || Request.Query.ContainsKey("questionnaire")
                    || Request.Query.ContainsKey("status") || Request.Query.ContainsKey("patient");
        if (given)
        {
            var remembered = QueryString.Create(new Dictionary<string, string?>
            {
                ["level"] = level, ["questionnaire"] = questionnaire, ["status"] = status, ["patient"] = patient,
            }.Where(kv => !string.IsNullOrWhiteSpace(kv.Value))).ToString();
            // Long patient text is not worth remembering; a cookie has a size limit.
            if (remembered.Length is > 1 and <= 1000)
                Response.Cookies.Append(FiltersCookie, remembered, CookieOptions());
            else
                Response.Cookies.Delete(FiltersCookie, CookieOptions());
            return (level, questionnaire, status, patient);
        }
        if (Request.Cookies[FiltersCookie] is { Length: > 1 and <= 1000 } cookie && cookie.StartsWith('?'))
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(cookie);
            string? Get(string key) => query.TryGetValue(key, out var v) ? v.ToString() : null;
            return (Get("level"), Get("questionnaire"), Get("status"), Get("patient"));
        }
        return (level, questionnaire, status, patient);
    }

    private CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        Secure = Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/Clinician",
        IsEssential = true,
        MaxAge = TimeSpan.FromDays(30),
    };

    private static bool Matches(Row row, string patient) =>
        row.PatientName.Contains(patient, StringComparison.CurrentCultureIgnoreCase)
        || row.Submission.PatientId == patient
        || row.Submission.Reference.Contains(patient, StringComparison.OrdinalIgnoreCase)
        || (NhsNumber.Parse(patient, out _) is { } nhs && row.NhsNumber == nhs.ToString());

    /// <summary>The NHS.UK tag colour for a flag level: emergency red, urgent orange, soon yellow, so the two that need
    /// action today look different from each other and from the rest.</summary>
    public static string TagClass(FlagLevel level) => level switch
    {
        FlagLevel.Emergency => "nhsuk-tag--red he-tag-emergency",
        FlagLevel.Urgent => "nhsuk-tag--orange he-tag-urgent",
        FlagLevel.Soon => "nhsuk-tag--yellow",
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
