namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// Headers on every response, error pages included. The Content-Security-Policy allows no inline script or style and
/// nothing from other origins (the NHS.UK web fonts are skipped on purpose: the system font is used instead).
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // Pages for a signed-in person hold health data: keep them out of shared and back-button caches.
            if (context.User.Identity?.IsAuthenticated == true)
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
