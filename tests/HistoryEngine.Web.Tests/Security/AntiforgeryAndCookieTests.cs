using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Security.Matrix;
using HistoryEngine.Web.Tests.Site;

namespace HistoryEngine.Web.Tests.Security;

[Collection(SeededSite.Collection)]
public sealed class AntiforgeryAndCookieTests(SeededSite seeded)
{
    /// <summary>POST routes that may be posted without a token, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["POST /Error/{code:int?}"] = "the error page: a failed POST is re-executed here; it shows a message and changes nothing",
    };

    [Fact]
    public async Task EveryPostRoute_WithoutTheToken_Is400_ForEveryoneItWouldOtherwiseLetIn_AndChangesNothing()
    {
        var routes = (await SiteRoutes.ListAsync(seeded.Site.Services)).Where(r => r.Method != "GET" && !Exempt.ContainsKey(r.Key)).ToList();
        var rows = AccessMatrix.Rows.ToDictionary(r => r.Route);
        var before = await StateAsync();
        var problems = new List<string>();
        var tried = 0;

        foreach (var route in routes)
        {
            Assert.True(rows.ContainsKey(route.Key), $"{route} has no matrix row (see AuthorizationMatrixTests)");
            var row = rows[route.Key];
            var (url, _) = SiteRoutes.Url(route, seeded.RouteValues);
            foreach (var actor in Enum.GetValues<Actor>().Where(a => row.Expected[(int)a] is Expect.Ok or Expect.Go))
            {
                tried++;
                var response = await seeded.SendAsync(actor, route.Method, url!, AuthorizationMatrixTests.Fill(seeded, row.Form), withToken: false);
                if (response.StatusCode != HttpStatusCode.BadRequest)
                    problems.Add($"{route} as {actor} without a token: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(problems);
        Assert.True(tried >= 20, $"only {tried} posts were tried");
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task AToken_IsBoundToThePersonItWasMadeFor()
    {
        var url = $"/Journey/{seeded.Patient.Id}/test-bp/page/start";
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["revision"] = "-1",
                ["__RequestVerificationToken"] = seeded.Tokens[Actor.CarerFill], // a carer's token, in the patient's session
            }),
        };

        var response = await seeded.Clients[Actor.Patient].SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void EveryCookie_TheSiteSets_IsHttpOnlySecureAndSameSite()
    {
        // The seeded clients signed in as every kind of person (two-factor step included), so they hold every cookie.
        var cookies = seeded.Jars.Values.SelectMany(j => j.All).ToList();

        Assert.Contains(cookies, c => c.Name == "HistoryEngine.Session");
        Assert.Contains(cookies, c => c.Name == "HistoryEngine.Antiforgery");
        Assert.All(cookies, c => Assert.True(c.HttpOnly && c.Secure, $"{c.Name} must be HttpOnly and Secure"));
    }

    [Fact]
    public async Task SetCookieHeaders_SaySameSite_IncludingTheTwoFactorStep()
    {
        using var site = new TestSite();
        var person = await site.AddPersonAsync(Role.Clinician, "rowan");
        await site.TwoFactor.EnrolTwoFactorAsync(person.Id, TestSite.TotpSecret, [], 0);
        var client = site.Browser();
        var headers = new List<string>();
        var page = await client.GetAsync("/Account/SignIn");
        headers.AddRange(page.Headers.GetValues("Set-Cookie"));
        var password = await SignIn.PasswordAsync(client, "rowan", TestSite.Password);
        headers.AddRange(password.Headers.GetValues("Set-Cookie"));
        var code = await SignIn.CodeAsync(client, site.CodeNow());
        headers.AddRange(code.Headers.GetValues("Set-Cookie"));

        Assert.Contains(headers, h => h.StartsWith("HistoryEngine.TwoFactorPending=", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.StartsWith("HistoryEngine.Session=", StringComparison.Ordinal));
        Assert.All(headers, h =>
        {
            Assert.Contains("httponly", h, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", h, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("(?i)samesite=(lax|strict)", h);
        });
    }

    private async Task<string> StateAsync()
    {
        var store = seeded.Site.Store;
        var id = seeded.Patient.Id;
        var draft = await store.GetDraftAsync(id, "test-bp");
        var grants = await store.ListProxyGrantsForPatientAsync(id);
        var audit = await store.ListAuditAsync(null, 1);
        return $"draft {draft?.Revision}; grants {string.Join(",", grants.Select(g => $"{g.Id}:{g.IsActive}"))}; " +
               $"submissions {(await store.ListSubmissionsForPatientAsync(id)).Count}; audit head {audit.FirstOrDefault()?.Sequence}";
    }
}
