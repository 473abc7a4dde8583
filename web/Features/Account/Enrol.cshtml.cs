using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Account;

/// <summary>
/// A clinician or admin without a second factor sets one up: the page shows a new secret as text and as an otpauth
/// link, they add it to an authenticator app and type the code it shows. Then ten recovery codes are shown, once.
/// The secret travels in the form sealed by data protection (for 15 minutes), so only a secret this site made can
/// be enrolled, and nothing is stored until the first code is right.
/// </summary>
[Authorize(Policy = Policies.StaffEnrolment)]
public sealed class EnrolModel(IRecordStore store, ITwoFactorStore twoFactor, TotpCodes codes, IDataProtectionProvider protection,
    TimeProvider clock) : PageModel
{
    private static readonly TimeSpan SetupLifetime = TimeSpan.FromMinutes(15);

    public const string WrongCode = "The code is not right. Check that the app shows HistoryEngine and enter the code it shows now";
    public const string Expired = "The set-up took too long, so here is a new secret. Add it to your app again";

    /// <summary>The secret being set up, Base32 (shown as text and in the link).</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The sealed secret, posted back.</summary>
    [BindProperty]
    public string? Setup { get; set; }

    [BindProperty]
    [Display(Name = "Code")]
    [Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows")]
    [StringLength(40, ErrorMessage = "Enter the 6-digit code your authenticator app shows")]
    public string? Code { get; set; }

    /// <summary>Set once enrolment succeeds: the recovery codes, shown on this response only.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string AccountName => User.Identity?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await AlreadyEnrolledAsync(ct) is { } done)
            return done;
        NewSecret();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await AlreadyEnrolledAsync(ct) is { } done)
            return done;
        if (Unseal(Setup) is not { } secret)
        {
            ModelState.Clear();
            ModelState.AddModelError(nameof(Code), Expired);
            NewSecret();
            return Page();
        }
        Secret = secret;
        if (!ModelState.IsValid)
            return Page();
        if (codes.Match(secret, Code) is not { } step)
        {
            Code = null;
            ModelState.AddModelError(nameof(Code), WrongCode);
            return Page();
        }

        var personId = User.PersonId();
        var recovery = RecoveryCodes.Generate();
        try
        {
            await twoFactor.EnrolTwoFactorAsync(personId, secret, [.. recovery.Select(RecoveryCodes.Hash)], step, ct);
        }
        catch (RecordConflictException)
        {
            return await AlreadyEnrolledAsync(ct) ?? RedirectToPage("/Account/SignIn");
        }
        await store.AppendAuditAsync(new AuditEntry(personId, "two-factor.enrolled", null, null), ct);
        var person = await store.RecordSuccessfulSignInAsync(personId, ct);
        // The session continues with the second factor now given; it keeps its original sign-in time.
        await HttpContext.StartSessionAsync(person, User.SignedInAt() ?? clock.GetUtcNow(), "totp", User.SessionId());
        NewRecoveryCodes = recovery;
        return Page();
    }

    public string HomeUrl => User.RoleOf() is { } role ? HomePages.For(role) : "/";

    /// <summary>Someone already enrolled never sets up a second secret here: with the factor given they go home;
    /// without it (an old session) they sign in again and give a code.</summary>
    private async Task<IActionResult?> AlreadyEnrolledAsync(CancellationToken ct)
    {
        if (await twoFactor.GetTwoFactorAsync(User.PersonId(), ct) is null)
            return null;
        if (User.HasClaim(c => c.Type == TwoFactorRequirement.Claim))
            return Redirect(HomeUrl);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Account/SignIn");
    }

    private void NewSecret()
    {
        Secret = TotpCodes.NewSecret();
        Setup = Protector().Protect(Secret, SetupLifetime);
    }

    private string? Unseal(string? sealedSecret)
    {
        if (string.IsNullOrEmpty(sealedSecret))
            return null;
        try
        {
            return Protector().Unprotect(sealedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // Bound to the person, so a sealed secret from one account's page cannot be posted by another.
    private ITimeLimitedDataProtector Protector() =>
        protection.CreateProtector("HistoryEngine.TwoFactor.Enrol", User.PersonId()).ToTimeLimitedDataProtector();
}
