using HistoryEngine.Web.Features.Clinician.Registration;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>
/// A patient's details for the practice to correct (name, date of birth, NHS number, phone, email, sex), and a new
/// one-time link: an invitation while they have no password, a password reset once they have one. Every look, change
/// and link is audited.
/// </summary>
public sealed class DetailsModel(IRecordStore store, TimeProvider clock) : PageModel
{
    public Person Patient { get; private set; } = null!;
    public PatientForm Form { get; private set; } = new();
    public IReadOnlyList<AccountLink> Links { get; private set; } = [];
    public IssuedLink? Issued { get; private set; }
    public string? IssuedUrl { get; private set; }
    public bool Saved { get; private set; }
    public string? LinkError { get; private set; }

    /// <summary>The patient has not chosen a password yet (registered by the practice, invitation not used).</summary>
    public bool HasPassword => Patient.PasswordHash.Length > 0;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string id, bool saved, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Form = PatientForm.From(Patient);
        Saved = saved;
        await ReviewAudit.WriteAsync(store, User.PersonId(), ReviewAudit.RecordViewed, Patient.Id, "details", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, PatientForm form, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Form = form;
        if (form.Check(UkTime.Today(clock), withUserName: false) is not { } details)
            return Refused();
        if (await RegisterModel.DuplicateNhsNumberAsync(store, details.NhsNumber, Patient.Id, ct))
        {
            form.Errors.Add(("nhsNumber", "Another patient already has this NHS number: check it, or find that patient"));
            return Refused();
        }
        await PracticeLinks.EditAsync(store, Patient, details, User.PersonId(), ct);
        return RedirectToPage(new { id, saved = true });
    }

    public async Task<IActionResult> OnPostLinkAsync(string id, string? purpose, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Form = PatientForm.From(Patient);
        if (!Enum.TryParse<AccountLinkPurpose>(purpose, ignoreCase: false, out var p) || !Enum.IsDefined(p) || char.IsDigit(purpose![0]))
        {
            LinkError = "Choose which link to make";
            return Refused();
        }
        Issued = await PracticeLinks.IssueAsync(store, Patient, p, User.PersonId(), clock.GetUtcNow(), ct);
        IssuedUrl = $"{Request.Scheme}://{Request.Host}{AccountLinkTokens.Path(Issued.Token)}";
        Links = await store.ListAccountLinksAsync(Patient.Id, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        if (await store.GetPersonAsync(id, ct) is not { Role: Role.Patient } patient || !User.SamePractice(patient))
            return NotFound();
        Patient = patient;
        Links = await store.ListAccountLinksAsync(patient.Id, ct);
        return null;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
