using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>
/// <c>dotnet run --project web -- verify-audit</c>, run as an admin would, as its own process: a script must be able to
/// tell "intact", "broken" and "could not check" apart by the exit code alone.
/// </summary>
public sealed class VerifyAuditCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("he-verify-").FullName;
    private string StorePath => Path.Combine(_folder, "historyengine.db");

    private async Task SeedAsync(int events)
    {
        using var store = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System);
        for (var i = 0; i < events; i++)
            await store.AppendAuditAsync(new AuditEntry("clinician-1", "viewed", "patient-1", $"HE-{i}"));
    }

    [Fact]
    public async Task OnAnIntactTrail_ExitsZero_AndSaysHowManyEventsWereChecked()
    {
        await SeedAsync(3);

        var (exit, output) = await RunningSite.CommandAsync(StorePath, "verify-audit");

        Assert.True(exit == 0, output);
        Assert.Contains("intact", output);
    }

    [Fact]
    public async Task AfterAnEventIsChangedInTheFile_ExitsOne_AndNamesTheFirstBrokenEvent()
    {
        await SeedAsync(3);
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = StorePath }))
        {
            var audit = db.GetCollection("audit");
            var second = audit.FindById(2);
            second["details"] = "nothing to see here";
            audit.Update(second);
        }

        var (exit, output) = await RunningSite.CommandAsync(StorePath, "verify-audit");

        Assert.True(exit == 1, output);
        Assert.Contains("BROKEN", output);
        Assert.Contains("event 2", output);
    }

    [Fact]
    public async Task WhenAnotherProcessHoldsTheStore_ExitsTwo_AndSaysNothingWasChecked()
    {
        await SeedAsync(1);
        using var held = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System);

        var (exit, output) = await RunningSite.CommandAsync(StorePath, "verify-audit");

        Assert.True(exit == 2, output);
        Assert.Contains("not checked", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
