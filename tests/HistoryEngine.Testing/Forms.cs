using System.Net;
using System.Text.RegularExpressions;

namespace HistoryEngine.Testing;

/// <summary>Reads and posts the site's forms as a browser with JavaScript off would.</summary>
public static partial class Forms
{
    /// <summary>The anti-forgery token of the (first) form on a page.</summary>
    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no anti-forgery token.");

    /// <summary>Posts a form as a browser would from <paramref name="html"/> (its anti-forgery token).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string html, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", AntiforgeryToken(html)) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>A client's view of a page: status and HTML.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)" """, RegexOptions.None)]
    private static partial Regex TokenPattern();
}
