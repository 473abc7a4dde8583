using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Security.Matrix;
using HistoryEngine.Web.Tests.Site;
using HistoryEngine.Web.Tests.Site.Journey;

namespace HistoryEngine.Web.Tests.Security;

/// <summary>
/// Every hostile value (<see cref="HostileValues"/>) into every question type of the journey and every other form:
/// each gets a message next to its field, or is stored and always shown escaped; never a 500.
/// </summary>
public sealed partial class HostileInputTests
{
    private static readonly string Questionnaires = TestPaths.Questionnaires;

    /// <summary>What the server receives for a value: a lone surrogate cannot be sent as UTF-8, so a browser sends U+FFFD.</summary>
    private static string AsSent(string value) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));

    private static string Encode(IEnumerable<(string Name, string Value)> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Percent(f.Value)}"));

    private static string Percent(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' ? ((char)b).ToString() : $"%{b:X2}"));

    [Fact]
    public async Task EveryQuestionType_GivenEveryHostileValue_ExplainsOrStoresExactly_AndShowsItEscaped_NeverA500()
    {
        using var site = new TestSite { QuestionnairesPath = Questionnaires };
        var client = await site.SignedInAsync(Role.Patient, "alex");
        var patient = (await site.Store.FindPersonByUserNameAsync("alex"))!;
        var page = $"/Journey/{patient.Id}/every-type/page/all";
        var token = Forms.AntiforgeryToken(await client.GetStringAsync(page));
        var items = new[] { "yn", "one", "many", "count", "dose", "short", "story", "started", "at" };
        var problems = new List<string>();
        var (explained, stored) = (0, 0);

        foreach (var item in items)
        {
            foreach (var value in HostileValues.All.Append("%ED%A0%80"))
            {
                var raw = value == "%ED%A0%80"; // invalid UTF-8 bytes, sent as they are
                var revision = (await site.Store.GetDraftAsync(patient.Id, "every-type"))?.Revision ?? 0;
                // Every question of the page was shown (else the page is shown again for the ones not seen yet).
                var fields = new List<(string, string)> { ("__RequestVerificationToken", token), ("revision", $"{revision}") };
                fields.AddRange(items.Select(i => ("shown", i)));
                if (item is "started" or "at")
                    fields.AddRange(new[] { ":day", ":month", ":year" }.Select(p => (item + p, value)));
                if (item is "at")
                    fields.Add((item + ":time", value));
                if (item is not ("started" or "at"))
                    fields.Add((item, value));
                var body = raw ? Encode(fields.Take(2 + items.Length)) + $"&{item}=%ED%A0%80" : Encode(fields);
                // As a browser sends it: percent-encoded UTF-8, with no charset named.
                var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
                content.Headers.ContentType = new("application/x-www-form-urlencoded");
                var response = await client.PostAsync(page, content);
                var html = await response.Content.ReadAsStringAsync();
                var label = $"{item} <- {Describe(value)}";

                if (RefusedWhole(value, response))
                    continue;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    if (!html.Contains($"id=\"q-{item}-error\"", StringComparison.Ordinal))
                        problems.Add($"{label}: shown again without a message next to the field");
                    explained++;
                }
                else if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    stored++;
                    if (item is "short" or "story" && !raw && value.Trim().Length > 0)
                    {
                        var answers = JsonDocument.Parse((await site.Store.GetDraftAsync(patient.Id, "every-type"))!.AnswersJson).RootElement;
                        if (!answers.TryGetProperty(item, out var kept) || kept.GetString() != AsSent(value))
                            problems.Add($"{label}: accepted but not stored exactly: {Describe(kept.ToString())}");
                    }
                    html = await client.GetStringAsync($"/Journey/{patient.Id}/every-type/check");
                }
                else
                    problems.Add($"{label}: {(int)response.StatusCode}");

                if (Unescaped(html) is { } leak)
                    problems.Add($"{label}: markup reached the page unescaped: {leak}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(explained > 100 && stored > 20, $"{explained} explained, {stored} stored");
    }

    [Fact]
    public async Task SignInAndTwoFactorForms_GivenEveryHostileValue_RefuseCalmly_AndEscapeWhatTheyShowBack()
    {
        using var site = new TestSite();
        var clinician = await site.AddPersonAsync(Role.Clinician, "rowan");
        await site.TwoFactor.EnrolTwoFactorAsync(clinician.Id, TestSite.TotpSecret, [], 0);
        var problems = new List<string>();
        var n = 0;

        foreach (var value in HostileValues.All)
        {
            // A different address each time, so that the per-address limit does not hide what the form does.
            var address = $"192.0.2.{++n % 250}";
            var client = site.Browser();
            client.DefaultRequestHeaders.Add(TestSite.RemoteAddressHeader, address);
            var signIn = await SignIn.PasswordAsync(client, value, value);
            Check("sign-in", value, signIn, await signIn.Content.ReadAsStringAsync(), problems, "UserName");

            await SignIn.PasswordAsync(client, "rowan", TestSite.Password);
            var code = await SignIn.CodeAsync(client, value);
            Check("two-factor code", value, code, await code.Content.ReadAsStringAsync(), problems, "Code");
            await site.Store.RecordSuccessfulSignInAsync(clinician.Id); // the wrong codes would lock the account
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task CarerAndEnrolmentForms_GivenEveryHostileValue_ExplainNextToTheField()
    {
        using var site = new TestSite();
        var patient = new JourneyDriver(await site.SignedInAsync(Role.Patient, "alex"));
        var staff = site.Browser();
        await site.AddPersonAsync(Role.Admin, "kim");
        await SignIn.PasswordAsync(staff, "kim", TestSite.Password);
        var enrol = new JourneyDriver(staff);
        var problems = new List<string>();

        foreach (var value in HostileValues.All)
        {
            await patient.GetAsync("/Patient/Carers");
            var grant = await patient.PostAsync("/Patient/Carers?handler=Grant", ("CarerUserName", value), ("CanFill", value), ("CanViewRecord", value));
            Check("carer grant", value, grant, patient.Html, problems, value.Trim().Length == 0 ? "CarerUserName" : "CarerUserName");

            await patient.GetAsync("/Patient/Carers");
            var revoke = await patient.PostAsync("/Patient/Carers?handler=Revoke", ("grantId", value));
            if (revoke.StatusCode != HttpStatusCode.NotFound && revoke.StatusCode != HttpStatusCode.BadRequest)
                problems.Add($"carer revoke <- {Describe(value)}: {(int)revoke.StatusCode}");

            await enrol.GetAsync("/Account/Enrol");
            var setup = JourneyDriver.Hidden(enrol.Html, "Setup")!;
            var code = await enrol.PostAsync("/Account/Enrol", ("Setup", setup), ("Code", value));
            Check("enrolment code", value, code, enrol.Html, problems, "Code");
            var forged = await enrol.PostAsync("/Account/Enrol", ("Setup", value), ("Code", "123456"));
            Check("enrolment secret", value, forged, enrol.Html, problems, "Code");
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Empty(await site.Store.ListProxyGrantsForPatientAsync((await site.Store.FindPersonByUserNameAsync("alex"))!.Id));
    }

    [Fact]
    public async Task EveryRouteParameter_GivenEveryHostileValue_IsNeverA500_AndKeepsTheHeaders()
    {
        var seeded = new SeededSite();
        await seeded.InitializeAsync();
        var problems = new List<string>();
        foreach (var route in (await SiteRoutes.ListAsync(seeded.Site.Services)).Where(r => r.Method == "GET"))
        {
            foreach (var parameter in route.Pattern.Parameters)
            {
                // The test server refuses a NUL in a path before sending it (Kestrel answers 400), so those are left out.
                foreach (var value in HostileValues.All.Where(v => v.Length < 1000 && v.Trim().Length > 0 && !v.Contains('\0')))
                {
                    var values = new Dictionary<string, string>(seeded.RouteValues, StringComparer.OrdinalIgnoreCase) { [parameter.Name] = value };
                    var (url, _) = SiteRoutes.Url(route, values);
                    foreach (var actor in new[] { Actor.Anonymous, Actor.Patient, Actor.Clinician })
                    {
                        var response = await seeded.SendAsync(actor, "GET", url!);
                        if ((int)response.StatusCode >= 500)
                            problems.Add($"{route} with {parameter.Name} <- {Describe(value)} as {actor}: {(int)response.StatusCode}");
                        if (SecurityHeaders.Problems(response, actor != Actor.Anonymous) is { Length: > 0 } headers)
                            problems.Add($"{route} with {parameter.Name} <- {Describe(value)} as {actor}: {headers}");
                        if (Unescaped(await response.Content.ReadAsStringAsync()) is { } leak)
                            problems.Add($"{route} with {parameter.Name} <- {Describe(value)}: unescaped {leak}");
                    }
                }
            }
        }
        await seeded.DisposeAsync();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static void Check(string form, string value, HttpResponseMessage response, string html, List<string> problems, string field)
    {
        var label = $"{form} <- {Describe(value)}";
        if (RefusedWhole(value, response))
            return;
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests))
            problems.Add($"{label}: {(int)response.StatusCode} {response.Headers.Location} {html[..Math.Min(300, html.Length)]}");
        else if (!html.Contains($"id=\"{field}-error\"", StringComparison.Ordinal))
            problems.Add($"{label}: no message next to {field}");
        if (Unescaped(html) is { } leak)
            problems.Add($"{label}: markup reached the page unescaped: {leak}");
    }

    /// <summary>
    /// ASP.NET Core will not decode a form holding a NUL character (%00): the anti-forgery check cannot read the form,
    /// so the whole request is refused with 400 and the friendly error page, before any page code runs. No browser
    /// sends a NUL from a text box, so that refusal is the right answer.
    /// </summary>
    private static bool RefusedWhole(string value, HttpResponseMessage response) =>
        value.Contains('\0') && response.StatusCode == HttpStatusCode.BadRequest;

    /// <summary>A piece of hostile markup found as markup in a page, or null.</summary>
    private static string? Unescaped(string html)
    {
        foreach (var marker in new[] { "<script>alert", "<img src=x", "<svg/onload" })
            if (html.Contains(marker, StringComparison.Ordinal))
                return marker;
        return null;
    }

    private static string Describe(string value) =>
        value.Length > 40 ? $"\"{Escape(value[..20])}...\" ({value.Length} characters)" : $"\"{Escape(value)}\"";

    private static string Escape(string value) => ControlPattern().Replace(value, m => $"\\u{(int)m.Value[0]:X4}");

    [GeneratedRegex(@"[\p{C}]")]
    private static partial Regex ControlPattern();
}
