using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// The site runs behind a web server or load balancer that ends TLS (nginx, IIS, Caddy, HAProxy). That proxy's
/// X-Forwarded-Proto and X-Forwarded-For are believed only from the proxies configuration names, so the site knows the
/// request was https (secure cookies, HSTS) and the per-address sign-in limit sees the patient's address, while nobody
/// else can claim either by sending the headers themselves. Loopback is always trusted (a proxy on the same machine);
/// <c>ReverseProxy:KnownProxies</c> adds addresses (for example <c>10.0.0.5;10.0.0.6</c>),
/// <c>ReverseProxy:KnownNetworks</c> adds networks in CIDR form (<c>10.0.0.0/24</c>), and
/// <c>ReverseProxy:ForwardLimit</c> (1 unless set) is how many proxies in a row may each add an address. Never name a
/// network patients' own requests can come from: they could then set their own address and scheme.
/// </summary>
internal static class ReverseProxy
{
    public const string KnownProxiesKey = "ReverseProxy:KnownProxies";
    public const string KnownNetworksKey = "ReverseProxy:KnownNetworks";
    public const string ForwardLimitKey = "ReverseProxy:ForwardLimit";

    /// <summary>The options configuration asks for; a value that cannot be read is a <see cref="FormatException"/>
    /// whose message names the setting (see <see cref="SettingsProblem"/>).</summary>
    public static ForwardedHeadersOptions Options(IConfiguration config)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The framework's defaults (loopback) stay: a proxy on the same machine is still trusted.
        foreach (var value in List(config, KnownProxiesKey))
            options.KnownProxies.Add(IPAddress.TryParse(value, out var address)
                ? address
                : throw new FormatException($"{KnownProxiesKey} has \"{value}\", which is not an IP address (for example 10.0.0.5)."));
        foreach (var value in List(config, KnownNetworksKey))
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(value, out var network)
                ? network
                : throw new FormatException($"{KnownNetworksKey} has \"{value}\", which is not a network in CIDR form (for example 10.0.0.0/24)."));
        if (config[ForwardLimitKey] is { Length: > 0 } limit)
            options.ForwardLimit = int.TryParse(limit, out var n) && n is >= 1 and <= 10
                ? n
                : throw new FormatException($"{ForwardLimitKey} is \"{limit}\"; it must be a whole number from 1 to 10.");
        return options;
    }

    /// <summary>One line saying which proxy setting cannot be used, or null when they all can.</summary>
    public static string? SettingsProblem(IConfiguration config)
    {
        try
        {
            Options(config);
            return null;
        }
        catch (FormatException e)
        {
            return "HistoryEngine: cannot start: " + e.Message + " See docs/operations.md, \"Behind a proxy or load balancer\".";
        }
    }

    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app, IConfiguration config) =>
        app.UseForwardedHeaders(Options(config));

    /// <summary>Values separated by ';' or ',' (an environment variable cannot hold a JSON array as easily), or listed as
    /// configuration children (ReverseProxy:KnownProxies:0, :1, ... from a JSON array).</summary>
    private static IEnumerable<string> List(IConfiguration config, string key) =>
        config.GetSection(key).GetChildren().Select(child => child.Value).Prepend(config[key])
            .SelectMany(value => (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
