using Microsoft.AspNetCore.HttpOverrides;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// A practice runs the site behind a web server that ends TLS (nginx, IIS, Caddy) on the same machine. That proxy's
/// X-Forwarded-Proto and X-Forwarded-For are believed only from loopback (the framework's default known proxies),
/// so the site knows the request was https (secure cookies, HSTS) and the per-address sign-in limit sees the
/// patient's address, while nobody on the network can claim either by sending the headers themselves.
/// </summary>
internal static class ReverseProxy
{
    public static IApplicationBuilder UseLocalReverseProxy(this IApplicationBuilder app) =>
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        });
}
