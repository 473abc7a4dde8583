using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Features.Clinician.Filing;
using HistoryEngine.Web.Features.Clinician.Registration;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>
/// A patient's record for clinicians: the home blood pressure trend, a timeline of filed entries (corrections beside
/// what they replaced), submissions and messages, and asking the patient for a questionnaire. Every look is audited.
/// </summary>
public sealed class PatientModel(IRecordStore store, QuestionnaireCatalog catalog, CarePlanCatalog plans, TimeProvider clock,
    CarePlanWork carePlans) : PageModel
{
    public sealed record TimelineItem(DateTimeOffset At, RecordEntry? Entry, Submission? Submission, PatientMessage? Message);

    public Person Patient { get; private set; } = null!;
    public PeopleNames Names { get; private set; } = null!;
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    /// <summary>Entry id to the entry that corrects it.</summary>
    public IReadOnlyDictionary<string, RecordEntry> CorrectedBy { get; private set; } = new Dictionary<string, RecordEntry>();
    /// <summary>The filed home averages, one point per diary, as a chart with its own table.</summary>
    public BpChart Trend { get; private set; } = null!;
    public IReadOnlyList<Assignment> OpenAssignments { get; private set; } = [];
    /// <summary>The care plans the record has started, as they stand today (the plan files' own flags and dates).</summary>
    public IReadOnlyList<HistoryEngine.CarePlans.CarePlanState> Plans { get; private set; } = [];
    /// <summary>The care plans' alerts for this patient not yet reviewed (the review queue lists them too).</summary>
    public IReadOnlyList<PlanAlert> OpenPlanAlerts { get; private set; } = [];
    public IReadOnlyDictionary<string, string> References { get; private set; } = new Dictionary<string, string>();
    public string TitleOf(string questionnaireId) => catalog.TitleOf(questionnaireId);
    public IEnumerable<(string Id, string Title)> Offered => catalog.Offered.Select(q => (q.Id, q.Title));
    public List<string> Errors { get; } = [];
    public string? Done { get; private set; }
    public string? CorrectingId { get; private set; }
    /// <summary>The carers who can act for the patient now, with what each grant allows and until when.</summary>
    public IReadOnlyList<(ProxyGrant Grant, Person? Carer)> Carers { get; private set; } = [];
    /// <summary>The form to give an existing carer account access, as posted (with its problems) or new.</summary>
    public CarerForm CarerAccess { get; private set; } = new() { CanFill = true };
    /// <summary>The form to add a diagnosis or a test result to the record directly, as posted (with its problems) or new.</summary>
    public AddEntryForm NewEntry { get; private set; } = new();
    /// <summary>What may be added: the codes the care plan files declare.</summary>
    public IReadOnlyList<HistoryEngine.CarePlans.CarePlanCode> Addable => plans.AddableCodes;

    public async Task<IActionResult> OnGetAsync(string id, string? done, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Done = done switch
        {
            "added" => "The entry was added to the record.",
            "corrected" => "The correction was filed. The entry it replaces stays in the record, marked as corrected.",
            "assigned" => "The patient has been asked. It is on their home page.",
            "parent" => "The parent or guardian can now act for the child: they answer questionnaires for them, saying whose answers they are.",
            "carer" => "The carer can now act for the patient, as you allowed.",
            "stopped" => "The carer can no longer act for the patient.",
            "alert-reviewed" => "The care plan alert is marked reviewed. It has left the review queue; the plan raises a new one if its reason changes.",
            "alert-already" => "Someone had already marked that care plan alert reviewed.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostCorrectAsync(string id, string entryId, string? value, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, audit: false) is { } notFound)
            return notFound;
        CorrectingId = entryId;
        if (string.IsNullOrEmpty(entryId) || await store.GetRecordEntryAsync(entryId, ct) is not { } old || old.PatientId != Patient.Id)
            return NotFound();
        var kind = decimal.TryParse(old.Value, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? HistoryEngine.Runtime.StoredValueKind.Number : HistoryEngine.Runtime.StoredValueKind.Text;
        var check = EntryValueCheck.Check(old.Display, old.Unit, kind, catalog.EntryRange(old.System, old.Code), value, old.Unit,
            correcting: true);
        if (!check.IsValid)
            Errors.Add(check.Error!);
        if (string.IsNullOrWhiteSpace(reason))
            Errors.Add("Say why the entry is being corrected; the reason is kept in the audit trail.");
        if (Errors.Count > 0)
            return Refused(StatusCodes.Status400BadRequest);
        var me = User.PersonId();
        try
        {
            await CorrectEntry.RunAsync(store, old, new NewRecordEntry(Patient.Id, old.System, old.Code,
                old.Display, check.Value, old.Unit, me, old.SubmissionId, old.QuestionnaireVersion) { Codings = old.Codings, TakenOn = old.TakenOn },
                reason!, ct);
        }
        catch (RecordConflictException)
        {
            Errors.Add("That entry has already been corrected. Correct the newer entry instead.");
            return Refused(StatusCodes.Status409Conflict);
        }
        // A corrected result or home average may change what the plans ask (an alert, a lower target), as after a filing.
        await carePlans.AfterChangeAsync(Patient.Id, ct);
        return RedirectToPage(new { id, done = "corrected" });
    }

    /// <summary>
    /// A diagnosis or a test result added to the record directly (not from a submission): a code the care plan files
    /// declare, its value when it takes one, and the day it was taken. Stored with its audit event in one unit of work;
    /// a problem is shown next to its field and nothing is stored.
    /// </summary>
    public async Task<IActionResult> OnPostAddEntryAsync(string id, AddEntryForm form, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, audit: false) is { } notFound)
            return notFound;
        NewEntry = form;
        if (form.Check(plans.AddableCodes, Patient, User.PersonId(), UkTime.Today(clock)) is not { } entry)
            return Refused(StatusCodes.Status400BadRequest);
        // The same form posted twice (a double click, a replayed form, even at once) adds once: the same clinician
        // adding the same code, value and day again within minutes is taken as that, not as a second result.
        await AddEntry.RunAsync(store, entry, ct);
        // What the plans ask now (an alert, the yearly review), as after a filing.
        await carePlans.AfterChangeAsync(Patient.Id, ct);
        return RedirectToPage(new { id, done = "added" });
    }

    public async Task<IActionResult> OnPostAssignAsync(string id, string? questionnaireId, int? dueInDays, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, audit: false) is { } notFound)
            return notFound;
        if (questionnaireId is null || catalog.Get(questionnaireId) is null)
            Errors.Add("Choose a questionnaire to ask for.");
        if (dueInDays is not (>= 1 and <= 90))
            Errors.Add("Enter when it is due as a number of days from today, from 1 to 90.");
        if (Errors.Count > 0)
            return Refused(StatusCodes.Status400BadRequest);
        var due = UkTime.Today(clock).AddDays(dueInDays!.Value);
        // The same request posted twice (a double click, a replayed form) asks once.
        if (!OpenAssignments.Any(a => a.QuestionnaireId == questionnaireId && a.DueDate == due))
        {
            await store.AddAssignmentAsync(new NewAssignment(Patient.Id, questionnaireId!, due, User.PersonId()), ct);
            await ReviewAudit.WriteAsync(store, User.PersonId(), ReviewAudit.Assigned, Patient.Id, $"{questionnaireId} due {due:yyyy-MM-dd}", ct);
        }
        return RedirectToPage(new { id, done = "assigned" });
    }

    /// <summary>
    /// Under this age the practice, not the patient, gives a parent or guardian proxy access (NHS England proxy
    /// access guidance: a child under 16 is not assumed to manage their own online access; from 16, the patient
    /// grants it from their own account). An access policy, not clinical logic.
    /// </summary>
    public const int ParentAccessUnderAge = 16;

    /// <summary>The patient is a child whose parent the practice may give access to (date of birth known, under 16 today).</summary>
    public bool IsChild => IsChildOn(Patient, UkTime.Today(clock));

    public static bool IsChildOn(Person patient, DateOnly today) =>
        patient.DateOfBirth is { } born && UkTime.AgeOn(born, today) < ParentAccessUnderAge;

    /// <summary>
    /// The practice lets an existing carer account act for the patient: what it may do, until when, and the practice's
    /// check (for a child, parental responsibility; otherwise the patient's agreement or the carer's legal authority,
    /// as NHS proxy access works). Granting again to the same carer changes what they may do. Audited.
    /// </summary>
    public async Task<IActionResult> OnPostCarerAccessAsync(string id, CarerForm form, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, audit: false) is { } notFound)
            return notFound;
        CarerAccess = form;
        var carer = CarerForm.Clean(form.CarerUserName) is { } name ? await store.FindPersonByUserNameAsync(name, ct) : null;
        // Another practice's accounts are not this practice's to link: said as for a name that does not exist.
        if (carer is not null && !User.SamePractice(carer))
            carer = null;
        if (CarerForm.Clean(form.CarerUserName) is null)
            form.Errors.Add(("CarerUserName", "Enter the user name of the carer's account"));
        else if (carer is not { Role: Role.Proxy })
            form.Errors.Add(("CarerUserName", "There is no carer account with that user name. Register the carer first"));
        var (ok, endsAt) = form.CheckGrant(UkTime.Today(clock));
        if (!ok || carer is not { Role: Role.Proxy })
            return Refused(StatusCodes.Status400BadRequest);
        await PracticeLinks.GrantAsync(store, Patient, carer, form, endsAt, User.PersonId(), ct);
        return RedirectToPage(new { id, done = "carer" });
    }

    /// <summary>The practice stops a carer acting for the patient (at once), audited.</summary>
    public async Task<IActionResult> OnPostStopCarerAsync(string id, string? grantId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, audit: false) is { } notFound)
            return notFound;
        // Only this patient's grants: any other id is not there.
        var grant = (await store.ListProxyGrantsForPatientAsync(Patient.Id, ct)).FirstOrDefault(g => g.Id == grantId);
        if (grant is null)
            return NotFound();
        if (grant.IsActive)
        {
            await store.RevokeProxyGrantAsync(grant.Id, ct);
            await ReviewAudit.WriteAsync(store, User.PersonId(), ReviewAudit.CarerAccessStopped, Patient.Id,
                $"grant {grant.Id} to {grant.CarerId}", ct);
        }
        return RedirectToPage(new { id, done = "stopped" });
    }

    /// <summary>The clinician has seen a care plan's alert and dealt with it: it leaves the review queue (audited). The
    /// same reason is not raised again; a new one is.</summary>
    public async Task<IActionResult> OnPostReviewAlertAsync(string id, string? alertId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, audit: false) is { } notFound)
            return notFound;
        // Only this patient's alerts: any other id is not there.
        if ((await store.ListPlanAlertsAsync(Patient.Id, ct)).FirstOrDefault(a => a.Id == alertId) is not { } alert)
            return NotFound();
        var me = User.PersonId();
        try
        {
            await store.WriteAsync(w =>
            {
                w.ReviewPlanAlert(alert.Id, me);
                return w.AppendAudit(new AuditEntry(me, ReviewAudit.PlanAlertReviewed, Patient.Id,
                    $"{alert.Plan} {alert.Rule} alert {alert.Id}"));
            }, ct);
        }
        catch (RecordConflictException)
        {
            return RedirectToPage(new { id, done = "alert-already" });
        }
        return RedirectToPage(new { id, done = "alert-reviewed" });
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct, bool audit = true)
    {
        if (await store.GetPersonAsync(id, ct) is not { Role: Role.Patient } patient || !User.SamePractice(patient))
            return NotFound();
        Patient = patient;
        NewEntry = AddEntryForm.For(UkTime.Today(clock));
        Names = new PeopleNames(store);
        var entries = await store.ListRecordEntriesAsync(id, includeSuperseded: true, ct);
        var submissions = await store.ListSubmissionsForPatientAsync(id, ct);
        var messages = await store.ListMessagesAsync(id, ct);
        await Names.LoadAsync([.. entries.Select(e => e.FiledBy), .. messages.Select(m => m.FromId)], ct);
        CorrectedBy = entries.Where(e => e.SupersedesId is not null).ToDictionary(e => e.SupersedesId!);
        References = submissions.ToDictionary(s => s.Id, s => s.Reference);
        Timeline = [.. entries.Select(e => new TimelineItem(e.FiledAt, e, null, null))
            .Concat(submissions.Select(s => new TimelineItem(s.SubmittedAt, null, s, null)))
            .Concat(messages.Select(m => new TimelineItem(m.SentAt, null, null, m)))
            .OrderByDescending(t => t.At)];
        Trend = BpChart.OverTime(HomeTrend(entries.Where(e => !CorrectedBy.ContainsKey(e.Id)).ToList(), submissions, catalog.Diary),
            catalog.Diary.Lines, BpChartWords.Clinician, "Filed home averages, one per diary, oldest first", at => UkTime.ShortDate(DateOnly.FromDateTime(at)));
        OpenAssignments = [.. (await store.ListAssignmentsAsync(id, ct)).Where(a => a.Status == AssignmentStatus.Open)];
        Plans = PatientPlans.Active(patient, entries.Where(e => !CorrectedBy.ContainsKey(e.Id)), submissions, plans, clock);
        OpenPlanAlerts = [.. (await store.ListPlanAlertsAsync(id, ct)).Where(a => a.IsOpen)];
        var now = clock.GetUtcNow();
        var carers = new List<(ProxyGrant, Person?)>();
        foreach (var grant in (await store.ListProxyGrantsForPatientAsync(id, ct)).Where(g => g.IsActiveAt(now)))
            carers.Add((grant, await store.GetPersonAsync(grant.CarerId, ct)));
        Carers = carers;
        if (audit)
            await ReviewAudit.WriteAsync(store, User.PersonId(), ReviewAudit.RecordViewed, id,
                $"{entries.Count} entries, {submissions.Count} submissions", ct);
        return null;
    }

    /// <summary>Filed home averages (current entries only), one point per diary, dated when the diary was sent.</summary>
    private static List<BpPoint> HomeTrend(IReadOnlyList<RecordEntry> current, IReadOnlyList<Submission> submissions,
        DiaryQuestionnaire diary)
    {
        var sentAt = submissions.ToDictionary(s => s.Id, s => s.SubmittedAt);
        bool Systolic(RecordEntry e) => diary.AverageSystolicCodes.Contains((e.System, e.Code));
        bool Diastolic(RecordEntry e) => diary.AverageDiastolicCodes.Contains((e.System, e.Code));
        return [.. current.Where(e => Systolic(e) || Diastolic(e))
            .GroupBy(e => e.SubmissionId ?? e.Id)
            .Select(g => (At: g.First().SubmissionId is { } sid && sentAt.TryGetValue(sid, out var at) ? at : g.First().FiledAt,
                Sys: Number(g.FirstOrDefault(Systolic)), Dia: Number(g.FirstOrDefault(Diastolic))))
            .Where(p => p.Sys is not null && p.Dia is not null)
            .Select(p => new BpPoint(UkTime.Local(p.At), p.Sys!.Value, p.Dia!.Value))
            .OrderBy(p => p.At)];
    }

    private static decimal? Number(RecordEntry? e) =>
        decimal.TryParse(e?.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
