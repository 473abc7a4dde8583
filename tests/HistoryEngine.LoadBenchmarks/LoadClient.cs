using HistoryEngine.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Text.RegularExpressions;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>What one virtual user measured, by kind of request.</summary>
internal sealed class Measures
{
    public Samples SignIn { get; } = new();
    public Samples PageGet { get; } = new();
    public Samples PagePost { get; } = new();
    public Samples Submit { get; } = new();
    public Samples Static { get; } = new();
    public int Journeys { get; set; }
    /// <summary>When each acknowledged send came back (Stopwatch timestamps).</summary>
    public List<long> Completed { get; } = [];
    public int Errors { get; set; }
    public string? FirstError { get; set; }

    public void Merge(Measures m)
    {
        SignIn.AddRange(m.SignIn); PageGet.AddRange(m.PageGet); PagePost.AddRange(m.PagePost);
        Submit.AddRange(m.Submit); Static.AddRange(m.Static);
        Journeys += m.Journeys; Errors += m.Errors; FirstError ??= m.FirstError; Completed.AddRange(m.Completed);
    }
}

/// <summary>
/// One virtual user: its own HttpClient, connection and cookie container, signed in as one seeded patient, going
/// round the bp-check journey as a browser with JavaScript off does (GET each page, POST its form back with the
/// anti-forgery token, the draft revision and the list of fields shown; then check your answers and send).
/// Closed loop, no think time: each user sends its next request as soon as the last one is answered.
/// </summary>
internal sealed partial class LoadClient : IDisposable
{
    private readonly string userName;
    private readonly string patientId;
    private readonly CookieContainer _cookies = new();
    private HttpClient _client;
    private string _html = "";

    public LoadClient(string baseUrl, string userName, string patientId)
    {
        (this.userName, this.patientId) = (userName, patientId);
        _client = NewClient(baseUrl);
        BaseUrl = baseUrl;
    }

    private HttpClient NewClient(string baseUrl) =>
        new(Handler(_cookies)) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    public string PatientId => patientId;

    /// <summary>The site instance this user talks to.</summary>
    public string BaseUrl { get; private set; }

    /// <summary>The ids of the submissions the site acknowledged: the send POST answered with the confirmation page's
    /// address (<c>/Submissions/PATIENT/ID</c>).</summary>
    public List<string> Acknowledged { get; } = [];

    /// <summary>Moves to another instance, as a load balancer does when one stops answering: the same browser, so the
    /// same cookies (a cookie is for the host, whatever the port).</summary>
    public void MoveTo(string baseUrl)
    {
        _client.Dispose();
        _client = NewClient(baseUrl);
        BaseUrl = baseUrl;
    }

    /// <summary><see cref="SiteServer.Handler"/> held to one connection per virtual user, kept for the whole run.</summary>
    public static SocketsHttpHandler Handler(CookieContainer? cookies)
    {
        var handler = SiteServer.Handler(cookies);
        handler.MaxConnectionsPerServer = 1;
        handler.PooledConnectionLifetime = Timeout.InfiniteTimeSpan;
        return handler;
    }

    /// <summary>Gets the sign-in form and posts it; true when the site signs the patient in (302).</summary>
    public async Task<bool> SignInAsync(Measures m)
    {
        var start = Stopwatch.GetTimestamp();
        _html = await (await _client.GetAsync("/Account/SignIn")).Content.ReadAsStringAsync();
        using var response = await _client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = Seeder.Password,
            ["__RequestVerificationToken"] = Token(_html),
        }));
        m.SignIn.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return Expect(m, response, HttpStatusCode.Redirect, "sign-in");
    }

    private string Page(string page) => $"/Journey/{patientId}/bp-check/page/{page}";

    /// <summary>One whole bp-check: 7 page posts (one adds a second reading), check your answers, send, confirmation.</summary>
    public async Task JourneyAsync(Measures m, CancellationToken stop)
    {
        if (!await GetAsync(m, $"/Journey/{patientId}/bp-check")) return;
        if (!await AnswerAsync(m, "start", stop, ("measured_at:day", "1"), ("measured_at:month", "3"), ("measured_at:year", "2026"),
                ("measured_at:time", "07:30"), ("arm", "left"), ("action", "continue"))) return;
        if (!await AnswerAsync(m, "sitting", stop, ("readings[0].systolic", "140"), ("readings[0].diastolic", "90"), ("action", "add:readings"))) return;
        if (!await AnswerAsync(m, "sitting", stop, ("readings[1].systolic", "150"), ("readings[1].diastolic", "92"), ("action", "continue"))) return;
        if (!await AnswerAsync(m, "symptoms", stop, ("symptoms_now.symptoms", "none"), ("action", "continue"))) return;
        if (!await AnswerAsync(m, "standing", stop, ("dizzy_on_standing", "false"), ("action", "continue"))) return;
        if (!await AnswerAsync(m, "medicines", stop, ("new_medicine", "false"), ("action", "continue"))) return;
        if (!await AnswerAsync(m, "about-you", stop, ("weight_kg", "80"), ("height_cm", "175"), ("comments", "Fine"), ("action", "continue"))) return;
        if (stop.IsCancellationRequested) return;

        var check = $"/Journey/{patientId}/bp-check/check";
        if (!await GetAsync(m, check)) return;
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Token(_html)),
            new("draftKey", Hidden(_html, "draftKey") ?? ""),
            new("revision", Hidden(_html, "revision") ?? ""),
        };
        var start = Stopwatch.GetTimestamp();
        using var sent = await _client.PostAsync(check, new FormUrlEncodedContent(form));
        m.Submit.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        if (!Expect(m, sent, HttpStatusCode.Redirect, "send")) return;
        if (sent.Headers.Location?.OriginalString is { } confirmation && confirmation.StartsWith("/Submissions/", StringComparison.Ordinal))
            Acknowledged.Add(Uri.UnescapeDataString(confirmation[(confirmation.LastIndexOf('/') + 1)..]));
        m.Completed.Add(Stopwatch.GetTimestamp());
        if (!await GetAsync(m, sent.Headers.Location!.OriginalString)) return;
        m.Journeys++;
    }

    /// <summary>GET the page, then post its form with these answers, as a patient pressing Continue.</summary>
    private async Task<bool> AnswerAsync(Measures m, string page, CancellationToken stop, params (string Name, string Value)[] answers)
    {
        if (stop.IsCancellationRequested || !await GetAsync(m, Page(page)))
            return false;
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token(_html)) };
        if (Hidden(_html, "revision") is { } revision)
            form.Add(new("revision", revision));
        form.AddRange(ShownPattern().Matches(_html).Select(x => new KeyValuePair<string, string>("shown", WebUtility.HtmlDecode(x.Groups[1].Value))));
        form.AddRange(answers.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        var start = Stopwatch.GetTimestamp();
        using var response = await _client.PostAsync(Page(page), new FormUrlEncodedContent(form));
        // The body is read as a browser would (a redirect's is empty).
        await response.Content.ReadAsByteArrayAsync(stop);
        m.PagePost.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return Expect(m, response, HttpStatusCode.Redirect, "post " + page);
    }

    private async Task<bool> GetAsync(Measures m, string url)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await _client.GetAsync(url);
        _html = await response.Content.ReadAsStringAsync();
        m.PageGet.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return Expect(m, response, HttpStatusCode.OK, "get " + url);
    }

    /// <summary>The static ceiling: the site's own stylesheet, body read in full.</summary>
    public async Task StaticAsync(Measures m, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await _client.GetAsync("/css/site.css", stop);
        await response.Content.ReadAsByteArrayAsync(stop);
        m.Static.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        Expect(m, response, HttpStatusCode.OK, "static");
    }

    private bool Expect(Measures m, HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode == expected)
            return true;
        m.Errors++;
        m.FirstError ??= $"{what}: {(int)response.StatusCode} {response.Headers.Location}";
        return false;
    }

    private static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("the page has no anti-forgery token");

    private static string? Hidden(string html, string name) =>
        Regex.Match(html, "name=\"" + Regex.Escape(name) + "\" value=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)" """)]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"shown\" value=\"([^\"]*)\"")]
    private static partial Regex ShownPattern();

    public void Dispose() => _client.Dispose();
}
