using System.ComponentModel.DataAnnotations;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Account;

/// <summary>
/// The second step for a clinician or admin: the 6-digit code from their app, or one of their recovery codes.
/// Reached only with the short-lived cookie a right password gives; wrong codes count towards the account's lockout
/// and the address's limit, like wrong passwords.
/// </summary>
[AllowAnonymous]
public sealed class TwoFactorModel(IRecordStore store, ITwoFactorStore twoFactor, TotpCodes codes, SignInThrottle throttle,
    TimeProvider clock) : PageModel
{
    public const string WrongCode =
        "The code is not right, or it has been used already. Enter the code your app shows now; " +
        "after 5 attempts, wait 15 minutes.";

    [BindProperty]
    [Display(Name = "Code")]
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app, or a recovery code")]
    [StringLength(40, ErrorMessage = "Enter the 6-digit code from your authenticator app, or a recovery code")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PendingPersonAsync(HttpContext.RequestAborted) is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await PendingPersonAsync(ct) is not { } person || await twoFactor.GetTwoFactorAsync(person.Id, ct) is not { } enrolment)
            return RedirectToPage("/Account/SignIn");
        var address = SignInThrottle.AddressOf(HttpContext);
        if (await throttle.IsBlockedAsync(address, ct))
        {
            ModelState.AddModelError(nameof(Code), SignInThrottle.Refused);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (!ModelState.IsValid)
            return Page();

        var how = person.IsLockedOut(clock.GetUtcNow()) ? null : await CheckAsync(person, enrolment, Code!, ct);
        Code = null;
        if (how is null)
        {
            await throttle.RecordFailureAsync(address, ct);
            var after = await store.RecordFailedSignInAsync(person.Id, PasswordSignIn.LockAfter, PasswordSignIn.LockFor, ct);
            await store.AppendAuditAsync(new AuditEntry(person.Id, "sign-in-refused", null,
                after.LockoutEnd is null ? "wrong code" : "wrong code; account locked"), ct);
            ModelState.AddModelError(nameof(Code), WrongCode);
            return Page();
        }

        person = await store.RecordSuccessfulSignInAsync(person.Id, ct);
        await store.AppendAuditAsync(new AuditEntry(person.Id, "signed-in", null, $"second factor: {how}"), ct);
        await HttpContext.SignOutAsync(AuthenticationSetup.TwoFactorPendingScheme);
        await HttpContext.StartSessionAsync(person, clock.GetUtcNow(), how);
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : Redirect(HomePages.For(person.Role));
    }

    /// <summary>"totp" or "recovery" when the code is right and not used before; otherwise null.</summary>
    private async Task<string?> CheckAsync(Person person, TwoFactorEnrolment enrolment, string code, CancellationToken ct)
    {
        if (codes.Match(enrolment.Secret, code) is { } step)
            return await twoFactor.UseTotpStepAsync(person.Id, step, ct) ? "totp" : null;
        if (code.Count(char.IsAsciiLetterOrDigit) == 10 && await twoFactor.UseRecoveryCodeAsync(person.Id, RecoveryCodes.Hash(code), ct))
            return "recovery";
        return null;
    }

    private async Task<Person?> PendingPersonAsync(CancellationToken ct)
    {
        var pending = await HttpContext.AuthenticateAsync(AuthenticationSetup.TwoFactorPendingScheme);
        if (!pending.Succeeded || pending.Principal is null)
            return null;
        return await store.GetPersonAsync(pending.Principal.PersonId(), ct) is { } person && TwoFactorRequirement.IsRequiredFor(person.Role)
            ? person
            : null;
    }
}
