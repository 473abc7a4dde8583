using System.Text;
using HistoryEngine.Fhir;
using HistoryEngine.Web.Features.Clinician.Closing;
using HistoryEngine.Web.Features.Clinician.Filing;
using HistoryEngine.Web.Features.Clinician.Submissions;
using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>
/// One submission for a clinician: narrative, flags, values, answers, and the decision (file entries, return to the
/// patient, or close). Opening it changes nothing (the view is audited); taking it into review is an explicit action.
/// Each decision is one use case (Filing/), one unit of work of compare-and-set writes in the store, so two
/// clinicians, a double click or a replayed post can never file twice, and no decision lands without its audit entry.
/// </summary>
public sealed class SubmissionModel(IRecordStore store, QuestionnaireCatalog catalog, TimeProvider clock, CarePlanWork carePlans)
    : PageModel
{
    public SubmissionView View { get; private set; } = null!;
    public IReadOnlyList<FilingRow> Rows { get; private set; } = [];
    public List<string> Errors { get; } = [];
    /// <summary>A decision refused because the submission moved on meanwhile, in words.</summary>
    public string? Conflict { get; private set; }
    public string? Done { get; private set; }
    public string? Message { get; private set; }
    /// <summary>The close form as posted (kept when it is shown again with its problems).</summary>
    public CloseForm Close { get; private set; } = new("", null, false);
    public Dictionary<string, string> CloseProblems { get; private set; } = [];
    /// <summary>The pages ticked on the return form (kept when it is shown again with its problem).</summary>
    public IReadOnlyList<string> ReturnChosen { get; private set; } = [];

    /// <summary>Every problem for the error summary, each linking to its field where it has one.</summary>
    public ErrorLinks ErrorLinks => new ErrorLinks().Unlinked(Errors).AtIds(CloseProblems);

    /// <summary>A diary's readings on the chart, listed in the table under it.</summary>
    public BpChart? DiaryChart => View.Diary is { } diary
        ? BpChart.ByDay(diary.Points, diary.Lines, BpChartWords.Clinician, "#readings", "Every reading is listed in the table under this chart.")
        : null;

    public async Task<IActionResult> OnGetAsync(string id, string? done, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        var me = User.PersonId();
        await ReviewAudit.WriteAsync(store, me, ReviewAudit.SubmissionViewed, View.Patient.Id,
            $"{View.Submission.Reference} {View.Submission.Questionnaire.Id} status={View.Submission.Status}", ct);
        // Opening a submission is audited, but changes nothing: "in review" is an explicit action (OnPostReview).
        Done = done switch
        {
            "filed" => "Filed into the patient's record.",
            "review" => "You are reviewing this submission: colleagues see it as in review.",
            "returned" => "Returned to the patient with your message.",
            "closed" => "Closed without filing.",
            _ => null,
        };
        Rows = View.DefaultRows();
        return Page();
    }

    /// <summary>The submission as a FHIR R4 transaction Bundle, recomputed from its archived questionnaire version
    /// and stored answers.</summary>
    public async Task<IActionResult> OnGetFhirAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        if (View.Replay is not { } replay)
            return NotFound();
        var bundle = FhirExport.Bundle(replay.Session.Result(), replay.Questionnaire, replay.PatientReference, replay.Clock);
        await ReviewAudit.WriteAsync(store, User.PersonId(), ReviewAudit.FhirBundle, View.Patient.Id, View.Submission.Reference, ct);
        return File(Encoding.UTF8.GetBytes(bundle), "application/fhir+json", $"{View.Submission.Reference}.fhir.json");
    }

    public async Task<IActionResult> OnPostFileAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Message = Form("message");
        var accepted = Request.Form["accept"].Select(v => int.TryParse(v, out var i) ? i : -1).ToHashSet();
        var rows = new List<FilingRow>();
        foreach (var entry in View.Result.Entries)
        {
            var typed = Form($"value-{entry.Index}");
            var take = accepted.Contains(entry.Index);
            var check = EntryValueCheck.Check(entry.Display, entry.Unit, entry.Kind, entry.Range, typed, Form($"unit-{entry.Index}"));
            rows.Add(new FilingRow(entry, take, typed, take ? check.Error : null));
        }
        Rows = rows;
        if (accepted.Any(i => i < 0 || i >= View.Result.Entries.Count))
            Errors.Add("The form named an entry this submission did not propose. Nothing was filed.");
        Errors.AddRange(rows.Where(r => r.Error is not null).Select(r => r.Error!));
        if (rows.All(r => !r.Accepted) && Errors.Count == 0)
            Errors.Add(View.Result.Entries.Count == 0
                ? "This submission proposes no entries to file. Close it, or return it to the patient."
                : "Tick at least one entry to file, or close the submission without filing.");
        if (Errors.Count > 0)
            return Refused(StatusCodes.Status400BadRequest);

        var me = User.PersonId();
        var submission = View.Submission;
        var version = SubmissionReplay.VersionLabel(submission.Questionnaire);
        var entries = rows.Where(r => r.Accepted).Select(r =>
        {
            var value = EntryValueCheck.Check(r.Entry.Display, r.Entry.Unit, r.Entry.Kind, r.Entry.Range, r.Value, r.Entry.Unit).Value;
            return new NewRecordEntry(submission.PatientId, r.Entry.System, r.Entry.Code, r.Entry.Display, value, r.Entry.Unit,
                me, submission.Id, version) { Codings = r.Codings, TakenOn = r.Entry.Taken };
        }).ToList();
        var edited = rows.Count(r => r.Accepted && r.Value?.Trim() != r.Entry.Value);
        try
        {
            await FileSubmission.RunAsync(store, submission, me, entries, edited, (MessageSubject, Message), ct);
        }
        catch (RecordConflictException e)
        {
            return await ConflictAsync(id, e, ct);
        }
        // What was filed may start a care plan or change what it asks (a second diary above target: an alert).
        await carePlans.AfterChangeAsync(submission.PatientId, ct);
        return RedirectToPage(new { id, done = "filed" });
    }

    /// <summary>The clinician takes a new submission into review, so that colleagues see someone has it.</summary>
    public async Task<IActionResult> OnPostReviewAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        try
        {
            await StartReview.RunAsync(store, View.Submission, User.PersonId(), ct);
        }
        catch (RecordConflictException e)
        {
            return await ConflictAsync(id, e, ct);
        }
        return RedirectToPage(new { id, done = "review" });
    }

    public async Task<IActionResult> OnPostReturnAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Message = Form("message");
        Rows = View.DefaultRows();
        ReturnChosen = Request.HasFormContentType ? [.. Request.Form["page"].OfType<string>()] : [];
        if (string.IsNullOrWhiteSpace(Message))
        {
            Errors.Add("Write a message telling the patient what more you need; it is sent with the returned submission.");
            return Refused(StatusCodes.Status400BadRequest);
        }
        // The pages to look at again must be pages of this submission's questionnaire that the patient was shown.
        if (ReturnPage.Read(Request.Form["page"], View.ReturnPages) is not { } pages)
        {
            Errors.Add("Choose only pages from the list of this questionnaire's pages.");
            return Refused(StatusCodes.Status400BadRequest);
        }
        // The questionnaire is asked for again on the patient's home page, due in a week, while it is still offered.
        var askAgain = catalog.Get(View.Submission.Questionnaire.Id) is null ? (DateOnly?)null : UkTime.Today(clock).AddDays(7);
        try
        {
            await ReturnSubmission.RunAsync(store, View.Submission, User.PersonId(), (MessageSubject, Message!), askAgain, ct, pages);
        }
        catch (RecordConflictException e)
        {
            return await ConflictAsync(id, e, ct);
        }
        return RedirectToPage(new { id, done = "returned" });
    }

    public async Task<IActionResult> OnPostCloseAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Message = Form("message");
        Rows = View.DefaultRows();
        Close = CloseForm.Read(Request.Form);
        var level = View.Submission.HighestFlag;
        // A submission that can no longer be closed says so (a conflict) rather than asking for a reason.
        CloseProblems = View.CanClose ? Close.Problems(level) : [];
        if (CloseProblems.Count > 0)
            return Refused(StatusCodes.Status400BadRequest);
        try
        {
            await CloseSubmission.RunAsync(store, View.Submission, User.PersonId(), Close.Note(level), (MessageSubject, Message), ct);
        }
        catch (RecordConflictException e)
        {
            return await ConflictAsync(id, e, ct);
        }
        return RedirectToPage(new { id, done = "closed" });
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        if (await store.GetSubmissionAsync(id, ct) is not { } submission
            || await store.GetPersonAsync(submission.PatientId, ct) is not { } patient || !User.SamePractice(patient))
            return NotFound();
        View = await SubmissionView.BuildAsync(submission, patient, catalog, store, clock, ct);
        return null;
    }

    private string MessageSubject => $"About your {View.Title} ({View.Submission.Reference})";

    private async Task<IActionResult> ConflictAsync(string id, RecordConflictException e, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var now = View.Submission;
        var last = now.History[^1];
        var who = await View.Names.NameAsync(last.ById, ct);
        Conflict = e.Kind == ConflictKind.AlreadyFiled || now.Status == SubmissionStatus.Filed
            ? $"Nothing was done: this submission was already filed by {who} on {UkTime.Short(last.At)}. It cannot be filed, returned or closed again."
            : $"Nothing was done: this submission is now {Describe(now.Status)} (by {who} on {UkTime.Short(last.At)}), so that cannot be done now.";
        if (Rows.Count == 0)
            Rows = View.DefaultRows();
        return Refused(StatusCodes.Status409Conflict);
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private string? Form(string name) => Request.HasFormContentType ? (string?)Request.Form[name] : null;

    public static string Describe(SubmissionStatus status) => status switch
    {
        SubmissionStatus.New => "new",
        SubmissionStatus.InReview => "in review",
        SubmissionStatus.Filed => "filed",
        SubmissionStatus.Returned => "returned to the patient",
        SubmissionStatus.Closed => "closed",
        _ => status.ToString(),
    };
}
