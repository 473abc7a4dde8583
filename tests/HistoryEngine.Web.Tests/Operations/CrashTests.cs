using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Security.Matrix;
using HistoryEngine.Web.Tests.Site;
using HistoryEngine.Web.Tests.Site.Journey;
using Microsoft.AspNetCore.Identity;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>
/// The site as a real process, 20 patients filling in test-bp (the tests' blood pressure check) at once over HTTP,
/// and SIGKILL in the middle: whatever the site acknowledged (a redirect after a saved page, the confirmation after
/// sending) must be there after a restart.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Patients = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("he-crash-").FullName;

    private sealed record Acknowledged(int Patient, string PatientId, int Systolic, string? SubmissionId);

    [Fact]
    public async Task KilledMidway_EverythingAcknowledgedIsThereAfterRestart_AndTheStoreOpensCleanly()
    {
        var storePath = Path.Combine(_folder, "historyengine.db");
        var ids = new string[Patients];
        using (var seed = LiteDbRecordStore.Open(storePath, null, TimeProvider.System))
        {
            var hash = new PasswordHasher<Person>().HashPassword(null!, TestSite.Password);
            for (var i = 0; i < Patients; i++)
                ids[i] = (await seed.AddPersonAsync(new NewPerson(Role.Patient, $"Patient {i}", $"p{i}", null, null, null, hash))).Id;
        }

        var acks = new ConcurrentBag<Acknowledged>();
        await using (var site = await RunningSite.StartAsync(storePath, TimeSpan.FromSeconds(60)))
        {
            using var stop = new CancellationTokenSource();
            var patients = Enumerable.Range(0, Patients).Select(i => Task.Run(() => PatientAsync(site.Address, i, ids[i], acks, stop.Token))).ToList();
            // Kill once a good number of submissions are acknowledged (or after 20 seconds on a slow machine).
            var until = DateTime.UtcNow.AddSeconds(20);
            while (acks.Count(a => a.SubmissionId is not null) < Patients && DateTime.UtcNow < until)
                await Task.Delay(100);
            await site.KillAsync();
            stop.Cancel();
            await Task.WhenAll(patients);
        }
        Assert.True(acks.Count(a => a.SubmissionId is not null) >= 5, $"only {acks.Count(a => a.SubmissionId is not null)} submissions before the kill");

        // Restarting on the same store works...
        await using (var again = await RunningSite.StartAsync(storePath, TimeSpan.FromSeconds(60)))
        {
            using var client = new HttpClient(new CookieJar { ActAsLocalProxy = true, InnerHandler = new HttpClientHandler() }) { BaseAddress = again.Address };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/SignIn")).StatusCode);
        }

        // ...and everything acknowledged is in it.
        using var store = LiteDbRecordStore.Open(storePath, null, TimeProvider.System);
        Assert.True((await store.VerifyAuditAsync()).IsIntact);
        var problems = new List<string>();
        foreach (var ack in acks.Where(a => a.SubmissionId is not null))
            if (await store.GetSubmissionAsync(ack.SubmissionId!) is not { } s || s.PatientId != ack.PatientId)
                problems.Add($"patient {ack.Patient}: acknowledged submission {ack.SubmissionId} is missing");
        foreach (var group in acks.Where(a => a.SubmissionId is null).GroupBy(a => a.Patient))
        {
            var last = group.MaxBy(a => a.Systolic)!;
            var draft = await store.GetDraftAsync(last.PatientId, "test-bp");
            var sent = await store.ListSubmissionsForPatientAsync(last.PatientId);
            var kept = new[] { draft?.AnswersJson }.Concat(sent.Select(s => s.AnswersJson)).OfType<string>()
                .Any(json => Systolics(json).Contains(last.Systolic));
            if (!kept)
                problems.Add($"patient {last.Patient}: the acknowledged reading {last.Systolic} is in no draft or submission");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static async Task PatientAsync(Uri address, int index, string patientId, ConcurrentBag<Acknowledged> acks, CancellationToken stop)
    {
        try
        {
            using var client = new HttpClient(new CookieJar { ActAsLocalProxy = true, InnerHandler = new HttpClientHandler { AllowAutoRedirect = false } })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromSeconds(30),
            };
            if ((await SignIn.PasswordAsync(client, $"p{index}", TestSite.Password)).StatusCode != HttpStatusCode.Redirect)
                return;
            var driver = new JourneyDriver(client);
            string Page(string id) => $"/Journey/{patientId}/test-bp/page/{id}";
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var systolic = 100 + round; // unique per patient and round, so each save can be found again
                await driver.AnswerAsync(Page("start"), ("measured_at:day", "1"), ("measured_at:month", "3"),
                    ("measured_at:year", "2026"), ("measured_at:time", "07:30"), ("arm", "left"));
                await driver.AnswerAsync(Page("sitting"), ("readings[0].systolic", $"{systolic}"), ("readings[0].diastolic", "80"), ("action", "add:readings"));
                if ((await driver.AnswerAsync(Page("sitting"), ("readings[1].systolic", $"{systolic}"), ("readings[1].diastolic", "81"))).StatusCode == HttpStatusCode.Redirect)
                    acks.Add(new Acknowledged(index, patientId, systolic, null));
                await driver.AnswerAsync(Page("symptoms"), ("symptoms_now.symptoms", "none"));
                await driver.AnswerAsync(Page("standing"), ("dizzy_on_standing", "false"));
                await driver.AnswerAsync(Page("medicines"), ("new_medicine", "false"));
                await driver.AnswerAsync(Page("about-you"), ("comments", $"round {round}"));
                var check = $"/Journey/{patientId}/test-bp/check";
                await driver.GetAsync(check);
                var sent = await driver.PostAsync(check, ("draftKey", JourneyDriver.Hidden(driver.Html, "draftKey") ?? ""));
                if (sent.StatusCode == HttpStatusCode.Redirect && sent.Headers.Location?.OriginalString is { } to && to.StartsWith("/Submissions/", StringComparison.Ordinal))
                    acks.Add(new Acknowledged(index, patientId, systolic, to.Split('/')[^1]));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or Xunit.Sdk.XunitException or InvalidOperationException)
        {
            // The site was killed mid-request: this patient stops here, as a real one would see an error page.
        }
    }

    private static IEnumerable<int> Systolics(string answersJson)
    {
        using var doc = JsonDocument.Parse(answersJson);
        if (!doc.RootElement.TryGetProperty("readings", out var readings) || readings.ValueKind != JsonValueKind.Array)
            return [];
        return [.. readings.EnumerateArray().Where(r => r.TryGetProperty("systolic", out var s) && s.ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty("systolic").GetInt32())];
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
