namespace HistoryEngine.Web.Tests.Security;

/// <summary>What every response must carry, checked on every route by the matrix and hostile-input tests.</summary>
public static class SecurityHeaders
{
    /// <summary>The missing or weak headers of a response, in words; empty when all is well.</summary>
    public static string Problems(HttpResponseMessage response, bool signedIn)
    {
        var problems = new List<string>();
        var csp = Header(response, "Content-Security-Policy");
        if (csp is null)
            problems.Add("no Content-Security-Policy");
        else
        {
            foreach (var needed in new[] { "default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'" })
                if (!csp.Contains(needed, StringComparison.Ordinal))
                    problems.Add($"CSP lacks {needed}");
            foreach (var weak in new[] { "unsafe-inline", "unsafe-eval", "*" })
                if (csp.Contains(weak, StringComparison.Ordinal))
                    problems.Add($"CSP allows {weak}");
        }
        if (Header(response, "X-Content-Type-Options") != "nosniff")
            problems.Add("no X-Content-Type-Options: nosniff");
        if (Header(response, "Referrer-Policy") is not ("same-origin" or "no-referrer" or "strict-origin"))
            problems.Add("no strict Referrer-Policy");
        if (Header(response, "X-Frame-Options") != "DENY")
            problems.Add("no X-Frame-Options: DENY");
        if (Header(response, "Strict-Transport-Security") is not { } hsts || !hsts.StartsWith("max-age=", StringComparison.Ordinal))
            problems.Add("no Strict-Transport-Security (the tests run outside Development, over https)");
        if (signedIn && response.Headers.CacheControl?.NoStore != true)
            problems.Add("a signed-in response without Cache-Control: no-store");
        return string.Join("; ", problems);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
