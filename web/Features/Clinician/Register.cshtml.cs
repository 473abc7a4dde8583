using HistoryEngine.Web.Features.Clinician.Registration;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>
/// The practice registers a patient: their details, a user name, and an invitation link (shown once) with which the
/// patient chooses their own password. Audited with the link's issue, in one unit of work.
/// </summary>
public sealed class RegisterModel(IRecordStore store, TimeProvider clock) : PageModel
{
    public PatientForm Form { get; private set; } = new() { Sex = "" };
    public Person? Registered { get; private set; }
    public IssuedLink? Invitation { get; private set; }
    public string? InvitationUrl { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(PatientForm form, CancellationToken ct)
    {
        Form = form;
        if (form.Check(UkTime.Today(clock), withUserName: true) is not { } details)
            return Refused();
        if (await DuplicateNhsNumberAsync(store, details.NhsNumber, null, ct))
        {
            form.Errors.Add(("nhsNumber", "Another patient already has this NHS number: check it, or find that patient"));
            return Refused();
        }
        try
        {
            (Registered, Invitation) = await PracticeLinks.RegisterAsync(store, details, form.UserName!, User.PersonId(), clock.GetUtcNow(), ct, User.PracticeId());
        }
        catch (RecordConflictException e) when (e.Kind == ConflictKind.DuplicateUserName)
        {
            form.Errors.Add(("userName", "That user name is already taken: choose another"));
            return Refused();
        }
        InvitationUrl = $"{Request.Scheme}://{Request.Host}{AccountLinkTokens.Path(Invitation.Token)}";
        // Shown in this response only, never redirected to: the link is not kept anywhere it could be shown again.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>True when another patient (not <paramref name="exceptId"/>) has this NHS number.</summary>
    public static async Task<bool> DuplicateNhsNumberAsync(IRecordStore store, string? digits, string? exceptId, CancellationToken ct) =>
        digits is not null && (await store.ListPeopleAsync(Role.Patient, ct)).Any(p => p.Id != exceptId
            && NhsNumber.Parse(p.NhsNumber, out _) is { } theirs && theirs.Digits == digits);

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
