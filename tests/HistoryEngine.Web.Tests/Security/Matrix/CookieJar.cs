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

    public IEnumerable<Cookie> All => _cookies.GetAllCookies();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (_cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            request.Headers.Add("Cookie", header);
        var response = await base.SendAsync(request, cancellationToken);
        if (!Frozen && response.Headers.TryGetValues("Set-Cookie", out var values))
            foreach (var value in values)
                _cookies.SetCookies(uri, value);
        return response;
    }
}
