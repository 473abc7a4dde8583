using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features;

/// <summary>The start page: signed-in people go to their own home page, everyone else sees how to sign in.</summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.RoleOf() is { } role ? Redirect(HomePages.For(role)) : Page();
}
