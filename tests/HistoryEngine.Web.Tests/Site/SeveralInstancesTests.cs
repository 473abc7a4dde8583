using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using Microsoft.AspNetCore.Identity;
using Xunit.Abstractions;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>Two real site processes on one PostgreSQL database, started together on an empty schema (so they migrate
/// and make the data-protection key ring at the same moment), as two instances behind a load balancer.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    public TestPostgres Database { get; } = new();
    public SiteServer First { get; private set; } = null!;
    public SiteServer Second { get; private set; } = null!;
    internal PostgreSqlRecordStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(
            SiteInstance.StartAsync(Database.ConnectionString, StartTimeout),
            SiteInstance.StartAsync(Database.ConnectionString, StartTimeout));
        (First, Second) = (started[0], started[1]);
        Store = PostgreSqlRecordStore.Open(Database.ConnectionString, TimeProvider.System);
    }

    /// <summary>A new patient with <see cref="TestSite.Password"/>, added straight to the shared database.</summary>
    public async Task<Person> AddPatientAsync(string userName) =>
        await Store.AddPersonAsync(new NewPerson(Role.Patient, $"Test {userName}", userName, null, null, null,
            new PasswordHasher<Person>().HashPassword(null!, TestSite.Password)));

    public async Task DisposeAsync()
    {
        Store?.Dispose();
        if (First is not null) await First.DisposeAsync();
        if (Second is not null) await Second.DisposeAsync();
        Database.Dispose();
    }
}

public sealed class SeveralInstancesTests(TwoInstances sites, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private const string SessionCookie = "HistoryEngine.Session";

    private static string Page(Person patient, string pageId) => JourneyUrls.Page(patient.Id, "test-notes", pageId);

    private async Task<(Person Patient, CookieContainer Cookies)> SignedInOnAsync(SiteServer site, string name)
    {
        var patient = await sites.AddPatientAsync(TestSite.UniqueName(name));
        var cookies = new CookieContainer();
        using var client = site.Client(cookies);
        var response = await SignIn.PasswordAsync(client, patient.UserName, TestSite.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (patient, cookies);
    }

    [Fact]
    public async Task SignedInOnOne_ContinuesOnTheOther_SignedOutThere_AndTheOldCookieIsRefusedOnTheFirst()
    {
        var (patient, cookies) = await SignedInOnAsync(sites.First, "alex");
        using var first = sites.First.Client(cookies);
        using var second = sites.Second.Client(cookies);

        // The page is read on one instance and its form (anti-forgery token, cookie) posted to the other.
        var onFirst = new JourneyDriver(first);
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync(Page(patient, "one"))).StatusCode);
        var onSecond = new JourneyDriver(second);
        var saved = await onSecond.PostWithPageAsync(Page(patient, "one"), onFirst.Html,
            [.. JourneyDriver.Shown(onFirst.Html).Select(s => ("shown", s)), ("name", "Sam"), ("action", "continue")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await sites.Store.GetDraftAsync(patient.Id, "test-notes");
        Assert.Equal("Sam", JsonDocument.Parse(draft!.AnswersJson).RootElement.GetProperty("name").GetString());

        // A copy of the session cookie, as someone could have kept, then sign-out on the second instance.
        var copy = cookies.GetCookies(sites.First.BaseAddress).Where(c => c.Name.StartsWith(SessionCookie, StringComparison.Ordinal))
            .Select(c => new Cookie(c.Name, c.Value)).ToList();
        Assert.NotEmpty(copy);
        var signOutPage = await second.GetStringAsync("/Account/SignOut");
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(second, "/Account/SignOut", signOutPage)).StatusCode);

        // The copy is refused on the first instance at once: sent to sign in, not shown the page.
        var stale = new CookieContainer();
        foreach (var cookie in copy)
            stale.Add(sites.First.BaseAddress, cookie);
        using var thief = sites.First.Client(stale);
        var refused = await thief.GetAsync(Page(patient, "one"));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/SignIn", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheSameDraftSavedFromBothAtOnce_OneWins_TheOtherIsTold()
    {
        var (patient, cookies) = await SignedInOnAsync(sites.Second, "robin");
        using var first = sites.First.Client(cookies);
        using var second = sites.Second.Client(cookies);
        var reader = new JourneyDriver(first);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Page(patient, "one"))).StatusCode);
        var html = reader.Html;
        var shown = JourneyDriver.Shown(html).Select(s => ("shown", s)).ToArray();
        var tabs = new[] { new JourneyDriver(first), new JourneyDriver(second) };

        var responses = await Task.WhenAll(tabs.Select((tab, i) => tab.PostWithPageAsync(Page(patient, "one"), html,
            [.. shown, ("name", $"Site {i}"), ("action", "continue")])));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        var winner = responses[0].StatusCode == HttpStatusCode.Redirect ? 0 : 1;
        var loser = tabs[1 - winner];
        Assert.Contains("changed in another window or on another device", loser.Html);
        Assert.Contains($"value=\"Site {1 - winner}\"", loser.Html); // what the loser typed is shown back, not lost
        var draft = await sites.Store.GetDraftAsync(patient.Id, "test-notes");
        Assert.Equal($"Site {winner}", JsonDocument.Parse(draft!.AnswersJson).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task OneInstanceKilledUnderLoad_EveryAcknowledgedSubmissionIsInTheDatabase_AndTheRestCompleteOnTheOther()
    {
        const int patients = 40;
        // A third instance, killed here; the fixture's second one survives it.
        await using var victim = await SiteInstance.StartAsync(sites.Database.ConnectionString, TwoInstances.StartTimeout);
        var ready = await Task.WhenAll(Enumerable.Range(0, patients).Select(async i =>
        {
            var (patient, cookies) = await SignedInOnAsync(victim, "load");
            var driver = new JourneyDriver(victim.Client(cookies));
            Assert.Equal(HttpStatusCode.Redirect, (await driver.AnswerAsync(Page(patient, "one"), ("name", $"N{i}"))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await driver.AnswerAsync(Page(patient, "two"), ("story", $"Story {i}"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync(JourneyUrls.Check(patient.Id, "test-notes"))).StatusCode);
            return (Patient: patient, Cookies: cookies, CheckPage: driver.Html, Driver: driver);
        }));

        // Every patient sends at once; the instance is killed as soon as the first few are acknowledged.
        var acknowledged = new bool[patients];
        var firstFew = new TaskCompletionSource();
        var ackCount = 0;
        var sends = ready.Select(async (p, i) =>
        {
            try
            {
                var response = await p.Driver.PostAsync(JourneyUrls.Check(p.Patient.Id, "test-notes"),
                    ("draftKey", JourneyDriver.Hidden(p.CheckPage, "draftKey")!));
                if (response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location!.OriginalString.StartsWith("/Submissions/", StringComparison.Ordinal))
                {
                    acknowledged[i] = true;
                    if (Interlocked.Increment(ref ackCount) >= 3)
                        firstFew.TrySetResult();
                }
            }
            catch (HttpRequestException) { } // the instance died under this request: not acknowledged
            catch (TaskCanceledException) { }
        }).ToArray();
        await Task.WhenAny(firstFew.Task, Task.WhenAll(sends));
        victim.KillNow();
        await Task.WhenAll(sends);

        var acked = Enumerable.Range(0, patients).Where(i => acknowledged[i]).ToList();
        output.WriteLine($"{acked.Count} of {patients} submissions acknowledged before the kill");
        Assert.NotEmpty(acked);
        foreach (var i in acked)
            Assert.Single(await sites.Store.ListSubmissionsForPatientAsync(ready[i].Patient.Id));

        // The patients whose send was cut off send again from the same page, on the surviving instance, with the
        // cookies the dead one gave them: each ends with exactly one submission (one made before the kill is found).
        foreach (var p in ready.Where((_, i) => !acknowledged[i]))
        {
            using var survivor = sites.Second.Client(p.Cookies);
            var again = await new JourneyDriver(survivor).PostWithPageAsync(JourneyUrls.Check(p.Patient.Id, "test-notes"),
                p.CheckPage, ("draftKey", JourneyDriver.Hidden(p.CheckPage, "draftKey")!));
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.StartsWith("/Submissions/", again.Headers.Location!.OriginalString);
        }
        foreach (var p in ready)
        {
            var submission = Assert.Single(await sites.Store.ListSubmissionsForPatientAsync(p.Patient.Id));
            Assert.Equal(p.Patient.Id, submission.PatientId);
        }
    }
}
