using HistoryEngine.Web.Features.Clinician.Registration;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>
/// The practice registers a carer for a patient: a carer account with its one-time invitation link (shown once), and
/// access to act for the patient (what, until when, checked by the practice), in one audited unit of work. Also makes
/// a new sign-in link for a carer who acts for this patient (a forgotten password, or a lost invitation).
/// </summary>
public sealed class CarerModel(IRecordStore store, TimeProvider clock) : PageModel
{
    public Person Patient { get; private set; } = null!;
    public CarerForm Form { get; private set; } = new() { CanFill = true };
    public Person? Registered { get; private set; }
    public IssuedLink? Issued { get; private set; }
    public string? IssuedUrl { get; private set; }
    public bool IsChild => PatientModel.IsChildOn(Patient, UkTime.Today(clock));

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, CarerForm form, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        Form = form;
        form.CheckNewCarer();
        var (ok, endsAt) = form.CheckGrant(UkTime.Today(clock));
        if (!ok)
            return Refused();
        try
        {
            var (carer, invitation, _) = await PracticeLinks.RegisterCarerAsync(store, Patient, form, endsAt, User.PersonId(),
                clock.GetUtcNow(), ct);
            (Registered, Issued) = (carer, invitation);
        }
        catch (RecordConflictException e) when (e.Kind == ConflictKind.DuplicateUserName)
        {
            form.Errors.Add(("userName", "That user name is already taken: choose another"));
            return Refused();
        }
        return ShowLink();
    }

    /// <summary>A new link for a carer of this patient: an invitation while they have no password, else a reset.</summary>
    public async Task<IActionResult> OnPostLinkAsync(string id, string? carerId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound)
            return notFound;
        // Only a carer this patient's grants name: any other id is not there.
        var grants = await store.ListProxyGrantsForPatientAsync(Patient.Id, ct);
        if (string.IsNullOrEmpty(carerId) || !grants.Any(g => g.CarerId == carerId && g.IsActive)
            || await store.GetPersonAsync(carerId, ct) is not { Role: Role.Proxy } carer || !User.SamePractice(carer))
            return NotFound();
        var purpose = carer.PasswordHash.Length > 0 ? AccountLinkPurpose.PasswordReset : AccountLinkPurpose.Invitation;
        Registered = carer;
        Issued = await PracticeLinks.IssueAsync(store, carer, purpose, User.PersonId(), clock.GetUtcNow(), ct);
        return ShowLink();
    }

    private PageResult ShowLink()
    {
        IssuedUrl = $"{Request.Scheme}://{Request.Host}{AccountLinkTokens.Path(Issued!.Token)}";
        // Shown in this response only, never redirected to: the link is not kept anywhere it could be shown again.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        if (await store.GetPersonAsync(id, ct) is not { Role: Role.Patient } patient || !User.SamePractice(patient))
            return NotFound();
        Patient = patient;
        return null;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
