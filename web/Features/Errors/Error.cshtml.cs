using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Errors;

/// <summary>The friendly error page for unhandled exceptions and error status codes; never shows exception details.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a failed POST is re-executed here as a POST; refusing it would hide the real error
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";

    public int? Code { get; private set; }

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        // An exception re-executed here keeps the status its handler chose (413 for a draft too large to save).
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : null);
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
