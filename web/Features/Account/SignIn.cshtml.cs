using System.ComponentModel.DataAnnotations;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Account;

/// <summary>
/// The sign-in form: user name and password, with a refusal that never says which part was wrong. Too many failures
/// from one network address are refused before any password is checked. A clinician or admin then gives a code
/// from their authenticator app (or enrols one first).
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(PasswordSignIn signIn, SignInThrottle throttle, ITwoFactorStore twoFactor, TimeProvider clock)
    : PageModel
{
    public const string Refused =
        "The user name or password is not right, or there have been too many attempts. " +
        "Check them and try again; after 5 attempts, wait 15 minutes.";

    [BindProperty]
    [Display(Name = "User name")]
    [Required(ErrorMessage = "Enter your user name")]
    [StringLength(200, ErrorMessage = "User names are shorter than that: check it and try again")]
    public string? UserName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password")]
    [StringLength(1000, ErrorMessage = "Passwords are shorter than that: check it and try again")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var address = SignInThrottle.AddressOf(HttpContext);
        if (await throttle.IsBlockedAsync(address, ct))
        {
            ModelState.AddModelError(nameof(UserName), SignInThrottle.Refused);
            Password = null;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (!ModelState.IsValid)
            return Page();

        var person = await signIn.TrySignInAsync(UserName!, Password!, ct);
        if (person is null)
        {
            await throttle.RecordFailureAsync(address, ct);
            ModelState.AddModelError(nameof(UserName), Refused);
            Password = null;
            return Page();
        }

        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        if (TwoFactorRequirement.IsRequiredFor(person.Role) && await twoFactor.GetTwoFactorAsync(person.Id, ct) is not null)
        {
            // Only the code page accepts this cookie; the session itself starts when the code is right.
            await HttpContext.SignInAsync(AuthenticationSetup.TwoFactorPendingScheme,
                SignedInUser.Principal(person, clock.GetUtcNow(), AuthenticationSetup.TwoFactorPendingScheme));
            return RedirectToPage("/Account/TwoFactor", new { ReturnUrl = returnUrl });
        }

        await HttpContext.StartSessionAsync(person, clock.GetUtcNow());
        // A clinician or admin with no second factor yet: every staff page sends them to enrol first.
        if (TwoFactorRequirement.IsRequiredFor(person.Role))
            return Redirect(TwoFactorRequirement.EnrolPath);
        return returnUrl is not null ? LocalRedirect(returnUrl) : Redirect(HomePages.For(person.Role));
    }
}
