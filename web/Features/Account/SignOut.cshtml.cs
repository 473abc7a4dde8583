using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Account;

/// <summary>Signs out on POST only (with the anti-forgery token); GET just shows a page with the button.</summary>
[AllowAnonymous]
public sealed class SignOutModel(IRecordStore store, EndedSessions sessions) : PageModel
{
    public bool SignedOut { get; private set; }

    public void OnGet() => SignedOut = User.Identity?.IsAuthenticated != true;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var patient = User.RoleOf() == Role.Patient ? User.PersonId() : null;
            await store.AppendAuditAsync(new AuditEntry(User.PersonId(), "signed-out", patient, null), ct);
            // The cookie is removed from this browser; ending the session refuses any copy of it from now on.
            if (User.SessionId() is { } session && User.SignedInAt() is { } signedInAt)
                await sessions.EndAsync(session, AuthenticationSetup.AbsoluteLimit(signedInAt), ct);
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        return RedirectToPage("/Account/SignOut");
    }
}
