using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Security.Matrix;

/// <summary>One thing the site answers: a method, a route template, and for Razor pages a named handler.</summary>
public sealed record SiteRoute(string Method, RoutePattern Pattern, string? Handler)
{
    /// <summary>How the matrix names it: <c>POST /Patient/Carers?handler=Grant</c>.</summary>
    public string Key => $"{Method} /{Pattern.RawText?.TrimStart('/')}" + (Handler is null ? "" : $"?handler={Handler}");

    public override string ToString() => Key;
}

/// <summary>
/// Every route the site maps, read from its own endpoint data source, so that a page or endpoint added later is in
/// the matrix tests without anyone remembering to add it: Razor pages with each of their handlers (GET and POST),
/// and minimal endpoints with their methods.
/// </summary>
public static class SiteRoutes
{
    public static async Task<IReadOnlyList<SiteRoute>> ListAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new List<SiteRoute>();
        var pagesSeen = new HashSet<string>(StringComparer.Ordinal);
        // A page at Folder/Index is mapped twice (Folder and Folder/Index); the shorter is the one the site links to.
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .OrderBy(e => e.RoutePattern.PathSegments.Count).ThenBy(e => e.RoutePattern.RawText, StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                if (!pagesSeen.Add(page.ViewEnginePath))
                    continue;
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var handlers = compiled.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name)).Distinct().ToList();
                if (handlers.Count == 0)
                    handlers.Add(("GET", null)); // a page without a model answers GET
                routes.AddRange(handlers.Select(h => new SiteRoute(h.Method, endpoint.RoutePattern, h.Name)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                routes.AddRange(methods.Select(m => new SiteRoute(m.ToUpperInvariant(), endpoint.RoutePattern, null)));
            }
        }
        return [.. routes.DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>The URL for a route, its parameters filled from <paramref name="values"/> (optional ones left out
    /// when there is no value); null with the missing name when a required parameter has no value.</summary>
    public static (string? Url, string? Missing) Url(SiteRoute route, IReadOnlyDictionary<string, string> values)
    {
        var segments = new List<string>();
        foreach (var segment in route.Pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart parameter when values.TryGetValue(parameter.Name, out var value):
                        text += Uri.EscapeDataString(value);
                        break;
                    case RoutePatternParameterPart parameter when parameter.IsOptional || parameter.Default is not null:
                        break;
                    case RoutePatternParameterPart parameter:
                        return (null, parameter.Name);
                }
            }
            if (text.Length > 0)
                segments.Add(text);
        }
        var url = "/" + string.Join('/', segments);
        return (route.Handler is null ? url : $"{url}?handler={Uri.EscapeDataString(route.Handler)}", null);
    }
}
