using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features;

/// <summary>
/// A page about one patient's data (the route's <c>subject</c>), asked for by that patient or a carer. Every handler
/// starts with <see cref="AuthorizeAsync"/>; until it succeeds <see cref="Subject"/> is not set.
/// </summary>
public abstract class SubjectPageModel(SubjectAccess access) : PageModel
{
    public Subject Subject { get; private set; } = null!;

    /// <summary>For pages that ask about a second right (may this carer also see the record?).</summary>
    protected SubjectAccess Access => access;

    /// <summary>Null when allowed; otherwise the response to send (404 for someone else's data, 403 for a carer
    /// the patient has not allowed to do this).</summary>
    protected async Task<IActionResult?> AuthorizeAsync(string subject, SubjectRight right, CancellationToken ct)
    {
        var (outcome, found) = await access.CheckAsync(User, subject, right, ct);
        if (outcome == AccessOutcome.Allowed)
        {
            Subject = found!;
            ViewData["ActingFor"] = found!.IsSelf ? null : found.Patient.DisplayName;
            return null;
        }
        return outcome == AccessOutcome.Refused ? Forbid() : NotFound();
    }
}
