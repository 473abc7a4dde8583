using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Security.Matrix;
using HistoryEngine.Web.Tests.Site;
using HistoryEngine.Web.Tests.Site.Journey;

namespace HistoryEngine.Web.Tests.Security;

/// <summary>
/// Issue 12, point 5: hand-made forms with names or values that do not parse. A form whose field names are
/// malformed is a 400 with the site's error page, for everyone; a malformed answer path in a value is ignored like
/// any path the page did not show. Never a 500. The walk over every POST route runs on a site of its own, because
/// it really posts (with a valid token) and may close, send or sign out what the shared seeded site relies on.
/// </summary>
public sealed partial class MalformedFormTests : IAsyncLifetime
{
    private readonly SeededSite _seeded = new();

    public Task InitializeAsync() => _seeded.InitializeAsync();

    public Task DisposeAsync() => _seeded.DisposeAsync();

    /// <summary>Field names that break the bracket syntax every form on the site uses.</summary>
    private static readonly string[] MalformedNames =
        ["[", "a[b", "]", "a]b", "[[", "a[0", "a[0]]", "a[[0]]", "shown[", "UserName[", "readings[0].systolic[", "revision]"];

    /// <summary>Values that look like answer paths and are not, or name instances that cannot exist.</summary>
    private static readonly string[] MalformedValues =
        ["[", "]", "[0]", ".", "q1[0]", "q1[999999999999999999999]", "remove:readings[", "remove:readings[0].systolic[",
         "remove:[", "remove:]", "remove:readings[-1]", "remove:readings[99999999999]", "remove:readings[0]]", "readings[0].",
         "readings[0]]", "readings[01].systolic", "-1", "99999999999999999999", "9999-12-31", "\0", new string('[', 10_000)];

    /// <summary>Values built from the paths a page really showed: its own items with brackets added or broken.</summary>
    private static IEnumerable<string> FromPaths(IEnumerable<string> paths) => paths.Distinct().Take(12).SelectMany(p => new[]
    {
        p + "[", p + "]", p + "[0]", p + "[999999999999999999999]", p + "[0].", p + "[-1]", p + ".x[",
        "remove:" + p + "[", "remove:" + p + "[0].x[", "remove:" + p + "[999999999999999999999]", "remove:" + p,
    });

    [Fact]
    public async Task EveryPostRoute_WithMalformedNamesOrValues_AndAValidToken_IsNeverA500()
    {
        var routes = (await SiteRoutes.ListAsync(_seeded.Site.Services)).Where(r => r.Method == "POST").ToList();
        var rows = AccessMatrix.Rows.ToDictionary(r => r.Route);
        var problems = new List<string>();
        var tried = 0;

        foreach (var route in routes)
        {
            Assert.True(rows.ContainsKey(route.Key), $"{route} has no matrix row (see AuthorizationMatrixTests)");
            var row = rows[route.Key];
            var (url, _) = SiteRoutes.Url(route, _seeded.RouteValues);
            // Someone the route lets in (its form is read then), signed in where anyone may; anonymous too where allowed.
            var actors = Enum.GetValues<Actor>().Where(a => row.Expected[(int)a] is Expect.Ok or Expect.Go or Expect.BadRequest).ToList();
            foreach (var actor in actors.Where(a => a != Actor.Anonymous).Take(1).Concat(actors.Where(a => a == Actor.Anonymous)))
            {
                // The page's own form as the browser would post it (its hidden fields: revision, draft key, shown paths),
                // so that malformed parts reach the code past the first checks.
                var page = await (await _seeded.Clients[actor].GetAsync(url!.Split('?')[0])).Content.ReadAsStringAsync();
                var hidden = Hidden(page).Where(f => f.Name != "__RequestVerificationToken").ToList();
                var names = hidden.Select(f => f.Name).Concat(InputNames(page))
                    .Concat(["shown", "action", "revision", "draftKey", "grantId", "remove", "UserName", "Password", "Code", "ReturnUrl"])
                    .Where(n => n != "__RequestVerificationToken").Distinct().ToList();
                var baseForm = Fields(AuthorizationMatrixTests.Fill(_seeded, row.Form)).Concat(hidden).ToList();
                var paths = hidden.Where(f => f.Name == "shown").Select(f => f.Value).Concat(InputNames(page));

                foreach (var name in MalformedNames)
                {
                    tried++;
                    var response = await PostAsync(actor, url, [.. baseForm, (name, "1")]);
                    var html = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest || !html.Contains(CouldNotRead, StringComparison.Ordinal))
                        problems.Add($"{route} as {actor}, a field named {Show(name)}: {(int)response.StatusCode}, not a 400 with the error page");
                }
                foreach (var value in MalformedValues.Concat(FromPaths(paths)))
                {
                    // Once as the paths a page showed and the action it asks for, once in every field at the same time.
                    foreach (var form in new[]
                             {
                                 baseForm.Concat([("shown", value), ("action", value)]).ToList(),
                                 [.. baseForm.Where(f => !names.Contains(f.Name)), .. names.Select(n => (n, value))],
                             })
                    {
                        tried++;
                        var response = await PostAsync(actor, url, form);
                        var html = await response.Content.ReadAsStringAsync();
                        if ((int)response.StatusCode >= 500 || html.Contains("Exception", StringComparison.Ordinal) || html.Contains("   at ", StringComparison.Ordinal))
                            problems.Add($"{route} as {actor}, value {Show(value)}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join("\n", problems.Take(60))}");
        Assert.True(tried >= 500, $"only {tried} posts were tried");
    }

    [Fact]
    public async Task SignIn_WithAFieldNamedABracket_IsA400WithTheSitesErrorPage_EvenAnonymously()
    {
        foreach (var name in new[] { "[", "a[b" })
        {
            var response = await _seeded.SendAsync(Actor.Anonymous, "POST", "/Account/SignIn", $"UserName=x&Password=y&{name}=1");
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(CouldNotRead, html);
            Assert.Contains("<html", html);
            Assert.DoesNotContain("Exception", html);
        }
    }

    [Fact]
    public async Task AJourneyPage_WithMalformedPathsInShownAndAction_IgnoresThem_AndKeepsTheAnswers()
    {
        var driver = new JourneyDriver(_seeded.Clients[Actor.Patient]);
        var url = $"/Journey/{_seeded.Patient.Id}/test-bp/page/sitting";
        Assert.Equal(HttpStatusCode.Redirect, (await driver.AnswerAsync(url,
            ("readings[0].systolic", "150"), ("readings[0].diastolic", "90"), ("action", "add"))).StatusCode);
        var before = (await _seeded.Site.Store.GetDraftAsync(_seeded.Patient.Id, "test-bp"))!.AnswersJson;

        foreach (var (name, value) in new[]
                 {
                     ("action", "remove:readings["), ("action", "remove:readings[0].systolic["), ("action", "remove:readings[999999999999999999999]"),
                     ("remove", "readings["), ("remove", "readings[0].systolic["), ("remove", "readings[999999999999999999999]"), ("remove", "[-1]"),
                     ("shown", "readings[0]"), ("shown", "readings[999999999999999999999]"), ("shown", "["), ("shown", "readings[0]."),
                 })
        {
            Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync(url)).StatusCode);
            var response = await driver.PostAsync(url, [.. JourneyDriver.Shown(driver.Html).Select(s => ("shown", s)),
                ("readings[0].systolic", "150"), ("readings[0].diastolic", "90"), (name, value)]);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{name}={value}: {(int)response.StatusCode}");
            Assert.Equal(before, (await _seeded.Site.Store.GetDraftAsync(_seeded.Patient.Id, "test-bp"))!.AnswersJson);
        }
        using var answers = JsonDocument.Parse(before);
        Assert.Equal(150, answers.RootElement.GetProperty("readings")[0].GetProperty("systolic").GetInt32());
    }

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("from=9999-12-31&to=9999-12-31")]
    [InlineData("from=0001-01-01&to=0001-01-01")]
    public async Task AuditSearch_AtTheEndsOfTheCalendar_IsAPageNotA500(string query)
    {
        var response = await _seeded.SendAsync(Actor.Admin, "GET", "/Admin/Audit?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>What the error page says to someone whose form could not be read.</summary>
    private const string CouldNotRead = "could not read";

    private int _posts;

    /// <summary>Posts with the actor's token, each from an address of its own: hundreds of refused sign-ins from one
    /// address would otherwise (rightly) have it throttled. Signing out goes through the seeded site, which signs
    /// the actor in again (the ended session is refused after it).</summary>
    private async Task<HttpResponseMessage> PostAsync(Actor actor, string url, List<(string Name, string Value)> fields)
    {
        HttpResponseMessage response;
        if (url.StartsWith("/Account/SignOut", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(fields, f => f.Name.Contains('&') || f.Name.Contains('=') || f.Value.Contains('&'));
            response = await _seeded.SendAsync(actor, "POST", url, string.Join('&', fields.Select(f => $"{f.Name}={f.Value}")));
        }
        else
        {
            var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new("__RequestVerificationToken", _seeded.Tokens[actor]));
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            _posts++;
            request.Headers.Add(TestSite.RemoteAddressHeader, $"10.12.{_posts / 250 % 250}.{_posts % 250 + 1}");
            response = await _seeded.Clients[actor].SendAsync(request);
        }
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static IEnumerable<(string Name, string Value)> Fields(string form) =>
        form.Length == 0 ? [] : form.Split('&').Select(p => p.Split('=', 2)).Select(kv => (kv[0], kv.Length > 1 ? kv[1] : ""));

    private static IEnumerable<(string Name, string Value)> Hidden(string html) =>
        InputPattern().Matches(html).Select(m => m.Value)
            .Where(tag => Attribute(tag, "type") == "hidden" && Attribute(tag, "name") is not null)
            .Select(tag => (Attribute(tag, "name")!, Attribute(tag, "value") ?? ""));

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, "\\s" + name + "=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static IEnumerable<string> InputNames(string html) =>
        NamePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(n => n != "shown").Distinct();

    private static string Show(string text) => text.Length > 40 ? $"'{text[..20]}...' ({text.Length} characters)" : $"'{text}'";

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("<(?:input|textarea|select|button)[^>]*\\sname=\"([^\"]*)\"")]
    private static partial Regex NamePattern();
}
