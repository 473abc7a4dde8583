using System.Net;
using System.Text.RegularExpressions;

namespace HistoryEngine.Testing;

/// <summary>
/// Drives the journey as a browser with JavaScript off would: reads each page's HTML, and posts its form back with
/// the anti-forgery token, the draft revision and the hidden list of fields the page showed.
/// </summary>
public sealed partial class JourneyDriver(HttpClient client)
{
    public HttpClient Client => client;

    /// <summary>The HTML of the last page fetched or posted to.</summary>
    public string Html { get; private set; } = "";

    public async Task<HttpResponseMessage> GetAsync(string url)
    {
        var response = await client.GetAsync(url);
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    /// <summary>Posts the form on the current page with these fields, plus its token and revision unless given.</summary>
    public async Task<HttpResponseMessage> PostAsync(string url, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Forms.AntiforgeryToken(Html)) };
        if (!fields.Any(f => f.Name == "revision") && Revision(Html) is { } revision)
            form.Add(new("revision", revision));
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    /// <summary>Posts a form as it was on an older copy of a page (a second tab, or the back button).</summary>
    public async Task<HttpResponseMessage> PostWithPageAsync(string url, string html, params (string Name, string Value)[] fields)
    {
        Html = html;
        return await PostAsync(url, fields);
    }

    /// <summary>Opens a page and continues from it with these answers, as a patient filling it in would.</summary>
    public async Task<HttpResponseMessage> AnswerAsync(string url, params (string Name, string Value)[] answers)
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url)).StatusCode);
        var shown = Shown(Html).Select(s => ("shown", s));
        return await PostAsync(url, [.. shown, .. answers, ("action", "continue")]);
    }

    public static string? Revision(string html) => RevisionPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The "shown" inputs a browser would send: not those inside a disabled fieldset (questions a radio
    /// option brings in, while that option is not chosen).</summary>
    public static IEnumerable<string> Shown(string html) =>
        ShownPattern().Matches(WithoutDisabledFieldsets(html)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));

    /// <summary>The page without its disabled fieldsets (a browser sends nothing from inside one).</summary>
    public static string WithoutDisabledFieldsets(string html)
    {
        const string Open = "<fieldset", Close = "</fieldset>";
        while (DisabledFieldsetPattern().Match(html) is { Success: true } start)
        {
            var depth = 1;
            var at = start.Index + start.Length;
            while (depth > 0)
            {
                var nextOpen = html.IndexOf(Open, at, StringComparison.Ordinal);
                var nextClose = html.IndexOf(Close, at, StringComparison.Ordinal);
                if (nextClose < 0)
                    return html[..start.Index];
                if (nextOpen >= 0 && nextOpen < nextClose) { depth++; at = nextOpen + Open.Length; }
                else { depth--; at = nextClose + Close.Length; }
            }
            html = html[..start.Index] + html[at..];
        }
        return html;
    }

    [GeneratedRegex("<fieldset[^>]*\\sdisabled[^>]*>")]
    private static partial Regex DisabledFieldsetPattern();

    public static string? Hidden(string html, string name) =>
        Regex.Match(html, "name=\"" + Regex.Escape(name) + "\" value=\"([^\"]*)\"") is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"revision\" value=\"(\\d+)\"")]
    private static partial Regex RevisionPattern();

    [GeneratedRegex("name=\"shown\" value=\"([^\"]*)\"")]
    private static partial Regex ShownPattern();
}
