using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// A form the site cannot read is the sender's mistake, never the site's: it is a 400 with the site's error page,
/// for everyone, before any page sees it. Cannot read means the body does not parse as a form (a broken multipart
/// body, a field over the size limits), or a field name breaks the bracket syntax every form on the site uses
/// (plain names, and answer paths like <c>readings[0].systolic</c>: each <c>[</c> closed by a <c>]</c> before the
/// next <c>[</c>). Such names (<c>[</c>, <c>a[b</c>) used to reach MVC's jQuery-style value provider, which threw an
/// ArgumentException: a 500. The site binds no jQuery-style names, so those providers are removed as well.
/// </summary>
internal static class MalformedForms
{
    /// <summary>Drops the value providers that rewrite jQuery-style names (<c>a[b]</c> as <c>a.b</c>): no form on the
    /// site posts them, and they throw on a name with an unclosed bracket.</summary>
    public static void RemoveJQueryValueProviders(MvcOptions options)
    {
        options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
    }

    /// <summary>Reads every posted form once, here, and refuses one that cannot be read. Put it after authorization,
    /// so that nobody's form is read for a page they may not use.</summary>
    public static IApplicationBuilder UseMalformedFormRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page a refusal is re-executed to sees the same form: let it through to say so.
        if (context.Request.HasFormContentType && context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && await ProblemAsync(context.Request) is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }
        await next(context);
    });

    private static async Task<int?> ProblemAsync(HttpRequest request)
    {
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.Keys.All(IsWellFormedName) ? null : StatusCodes.Status400BadRequest;
        }
        catch (InvalidDataException)
        {
            return StatusCodes.Status400BadRequest; // not a form, or over the form limits
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode; // Kestrel's own word: 400, or 413 for a body over its size limit
        }
    }

    /// <summary>True when every <c>[</c> in the name is closed by a <c>]</c> before the next <c>[</c>, and every
    /// <c>]</c> closes one.</summary>
    public static bool IsWellFormedName(string name)
    {
        var open = false;
        foreach (var c in name)
        {
            if (c == '[')
            {
                if (open) return false;
                open = true;
            }
            else if (c == ']')
            {
                if (!open) return false;
                open = false;
            }
        }
        return !open;
    }
}
