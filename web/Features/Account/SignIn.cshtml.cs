using System.ComponentModel.DataAnnotations;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Account;

/// <summary>The sign-in form: user name and password, with a refusal that never says which part was wrong.</summary>
[AllowAnonymous]
public sealed class SignInModel(PasswordSignIn signIn, TimeProvider clock) : PageModel
{
    public const string Refused =
        "The user name or password is not right, or there have been too many attempts. " +
        "Check them and try again; after 5 attempts, wait 15 minutes.";

    [BindProperty]
    [Display(Name = "User name")]
    [Required(ErrorMessage = "Enter your user name")]
    public string? UserName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return Page();

        var person = await signIn.TrySignInAsync(UserName!, Password!, ct);
        if (person is null)
        {
            ModelState.AddModelError(nameof(UserName), Refused);
            Password = null;
            return Page();
        }

        var principal = SignedInUser.Principal(person, clock.GetUtcNow(), CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false });
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : Redirect(HomePages.For(person.Role));
    }
}
