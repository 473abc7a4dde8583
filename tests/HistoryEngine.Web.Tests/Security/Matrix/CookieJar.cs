using System.Net;

namespace HistoryEngine.Web.Tests.Security.Matrix;

/// <summary>
/// A browser's cookies for a test client. Once <see cref="Frozen"/>, it keeps sending what it has and ignores new
/// cookies, so that one signed-in session can be used for every request of the matrix, signing out included.
/// </summary>
public sealed class CookieJar : DelegatingHandler
{
    private readonly CookieContainer _cookies = new();

    public bool Frozen { get; set; }

    /// <summary>Says each request came through a TLS-ending proxy on this machine, as a practice's web server would.</summary>
    public bool ActAsLocalProxy { get; init; }

    public IEnumerable<Cookie> All => _cookies.GetAllCookies();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Cookies are kept as for https, so that a site reached over plain http on loopback (a test process that
        // believes it is behind a TLS proxy) still gets its Secure cookies back.
        var uri = new UriBuilder(request.RequestUri!) { Scheme = "https", Port = -1 }.Uri;
        if (ActAsLocalProxy && !request.Headers.Contains("X-Forwarded-Proto"))
            request.Headers.Add("X-Forwarded-Proto", "https");
        if (_cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            request.Headers.Add("Cookie", header);
        var response = await base.SendAsync(request, cancellationToken);
        if (!Frozen && response.Headers.TryGetValues("Set-Cookie", out var values))
            foreach (var value in values)
                _cookies.SetCookies(uri, value);
        return response;
    }
}
