using System.Net;
using System.Text;

namespace HistoryEngine.Web.Tests.Security.Matrix;

/// <summary>
/// Every route of the site, as every actor, against <see cref="AccessMatrix"/>: the status (and where a redirect
/// goes) must be exactly what the matrix says, and every response carries the security headers.
/// </summary>
[Collection(SeededSite.Collection)]
public sealed class AuthorizationMatrixTests(SeededSite seeded)
{
    private const string MatrixFile = "tests/HistoryEngine.Web.Tests/Security/Matrix/AccessMatrix.cs";

    [Fact]
    public async Task EveryRoute_HasAMatrixRow_AndEveryRowIsARoute()
    {
        var routes = (await SiteRoutes.ListAsync(seeded.Site.Services)).Select(r => r.Key).ToHashSet();
        var rows = AccessMatrix.Rows.Select(r => r.Route).ToList();

        var missing = routes.Except(rows).Order().ToList();
        var stale = rows.Except(routes).Order().ToList();
        var doubled = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(missing.Count == 0, $"These routes have no row in the authorization matrix ({MatrixFile}). Add one " +
            $"line for each, giving what each of the {Enum.GetValues<Actor>().Length} actors ({string.Join(", ", Enum.GetValues<Actor>())}) " +
            $"should get when the route names the seeded patient's data, e.g.\n" +
            string.Join("\n", missing.Select(m => $"        new(\"{m}\", [In, Ok, NF, Ok, No, No, NF, No, No, No]),")));
        Assert.True(stale.Count == 0, $"These matrix rows name routes the site no longer maps: {string.Join(", ", stale)}");
        Assert.Empty(doubled);
        Assert.All(AccessMatrix.Rows, r => Assert.Equal(Enum.GetValues<Actor>().Length, r.Expected.Length));
    }

    [Fact]
    public async Task EveryRoute_AsEveryActor_GetsWhatTheMatrixSays_WithTheSecurityHeaders()
    {
        var routes = (await SiteRoutes.ListAsync(seeded.Site.Services)).ToDictionary(r => r.Key);
        var problems = new StringBuilder();
        var checkedCount = 0;
        foreach (var row in AccessMatrix.Rows.Where(r => routes.ContainsKey(r.Route)))
        {
            var route = routes[row.Route];
            var values = new Dictionary<string, string>(seeded.RouteValues, StringComparer.OrdinalIgnoreCase) { ["id"] = seeded.RouteValues[row.IdIs] };
            var (url, missing) = SiteRoutes.Url(route, values);
            Assert.True(url is not null, $"{route}: no seeded value for route parameter '{missing}'; add it to SeededSite.RouteValues");
            var form = Fill(seeded, row.Form);
            foreach (var actor in Enum.GetValues<Actor>())
            {
                var response = await seeded.SendAsync(actor, route.Method, url!, form);
                var got = Classify(response);
                var expected = row.Expected[(int)actor];
                checkedCount++;
                if (got != expected)
                    problems.AppendLine($"{row.Route} as {actor}: expected {expected}, got {got} " +
                                        $"({(int)response.StatusCode} {response.Headers.Location})");
                if (SecurityHeaders.Problems(response, signedIn: actor != Actor.Anonymous) is { Length: > 0 } headers)
                    problems.AppendLine($"{row.Route} as {actor}: {headers}");
            }
        }

        Assert.True(problems.Length == 0, $"{problems}\n(the matrix is {MatrixFile})");
        Assert.True(checkedCount >= 200, $"only {checkedCount} requests were checked");
    }

    [Fact]
    public async Task AccessDenied_IsA403Page_AndSayingSoDoesNotLeakTheData()
    {
        var denied = await seeded.SendAsync(Actor.CarerView, "GET", $"/Journey/{seeded.Patient.Id}/test-bp");
        var page = await seeded.SendAsync(Actor.CarerView, "GET", denied.Headers.Location!.PathAndQuery);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain(seeded.Submission.Reference, html);
        Assert.DoesNotContain("measured", html);
    }

    public static string Fill(SeededSite seeded, string form)
    {
        foreach (var (name, value) in seeded.RouteValues)
            form = form.Replace("{" + name + "}", value, StringComparison.OrdinalIgnoreCase);
        return form;
    }

    public static Expect? Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Expect.Ok,
            HttpStatusCode.Forbidden => Expect.Forbidden,
            HttpStatusCode.NotFound => Expect.NotFound,
            HttpStatusCode.BadRequest => Expect.BadRequest,
            HttpStatusCode.Redirect when location.StartsWith("/Account/SignIn", StringComparison.OrdinalIgnoreCase) => Expect.SignIn,
            HttpStatusCode.Redirect when location.StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) => Expect.Denied,
            HttpStatusCode.Redirect when location.StartsWith("/Account/Enrol", StringComparison.OrdinalIgnoreCase) => Expect.Enrol,
            HttpStatusCode.Redirect => Expect.Go,
            _ => null,
        };
    }
}
