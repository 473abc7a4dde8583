using System.Net;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Startup;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>The database going away while the site runs: the service is unavailable (503), nothing already
/// acknowledged is lost, and the site carries on when the database is back. A site of its own: its connection to the
/// database goes through a relay the test cuts.</summary>
public sealed class PostgreSqlUnavailableTests : IDisposable
{
    private readonly TestPostgres _database = new();
    private readonly CuttableProxy _proxy = new(TestPostgres.ServerConnectionString);
    private readonly TestSite _site;

    public PostgreSqlUnavailableTests() => _site = new TestSite
    {
        Provider = StoreProvider.PostgreSql,
        Settings = new Dictionary<string, string> { ["ConnectionStrings:Records"] = _proxy.ConnectionString(_database.ConnectionString) },
    };

    [Fact]
    public async Task DatabaseUnreachableWhileRunning_PagesSayUnavailable503_AndNothingAcknowledgedIsLost()
    {
        var patient = TestSite.UniqueName("alex");
        var client = await _site.SignedInAsync(Role.Patient, patient);
        var person = (await _site.Store.FindPersonByUserNameAsync(patient))!;
        var sent = await _site.Store.AddSubmissionAsync(new NewSubmission(person.Id, person.Id,
            new QuestionnaireRef("test-bp", "1.0.0", "sha256:x"), """{"a":1}""", "{}", FlagLevel.Urgent));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patient")).StatusCode);

        _proxy.Cut();
        var down = await client.GetAsync("/Patient");
        var page = await down.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("not available at the moment", page);
        Assert.DoesNotContain("Npgsql", page);
        Assert.DoesNotContain(" at HistoryEngine", page);

        _proxy.Restore();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patient")).StatusCode);
        var kept = (await _site.Store.GetSubmissionAsync(sent.Id))!;
        Assert.Equal((sent.Reference, sent.AnswersJson, sent.HighestFlag), (kept.Reference, kept.AnswersJson, kept.HighestFlag));
        Assert.Equal(1L, _database.Scalar<long>("select count(*) from submissions where id = $1", sent.Id));
    }

    public void Dispose()
    {
        _site.Dispose();
        _proxy.Dispose();
        _database.Dispose();
    }
}
