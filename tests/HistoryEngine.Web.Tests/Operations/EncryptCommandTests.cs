using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>
/// <c>encrypt</c>: Production now refuses an unencrypted store (issue 12, point 10), and LiteDB cannot add a password
/// to a file in place, so a practice already running needs a way across: a checked encrypted copy takes the store's
/// place, the old file is kept aside, and nothing changes when anything is wrong.
/// </summary>
public sealed class EncryptCommandTests : IDisposable
{
    private const string Password = "correct horse battery staple, kept in secrets.env";
    private readonly string _folder = Directory.CreateTempSubdirectory("he-encrypt-").FullName;
    private string StorePath => Path.Combine(_folder, "historyengine.db");
    private Dictionary<string, string> WithPassword => new() { ["Store__Password"] = Password };

    private async Task<Person> SeedAsync()
    {
        using var store = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System);
        var patient = await store.AddPersonAsync(new NewPerson(Role.Patient, "Pat", "pat", null, null, null, "hash"));
        for (var i = 0; i < 3; i++)
            await store.AppendAuditAsync(new AuditEntry("clinician-1", "viewed", patient.Id, $"HE-{i}"));
        return patient;
    }

    [Fact]
    public async Task Encrypt_MakesTheStoreOpenOnlyWithThePassword_WithEverythingInIt_AndKeepsTheOldFileAside()
    {
        var patient = await SeedAsync();

        var (exit, output) = await RunningSite.CommandAsync(StorePath, WithPassword, "encrypt");

        Assert.True(exit == 0, output);
        Assert.Contains("1 accounts, 1 patients, 0 submissions, audit trail of 3 events intact", output);
        using (var encrypted = LiteDbRecordStore.Open(StorePath, Password, TimeProvider.System))
        {
            Assert.Equal(patient, await encrypted.GetPersonAsync(patient.Id));
            var audit = await encrypted.VerifyAuditAsync();
            Assert.True(audit.IsIntact);
            Assert.Equal(3, audit.EventsChecked);
        }
        Assert.ThrowsAny<Exception>(() => LiteDbRecordStore.Open(StorePath, null, TimeProvider.System).Dispose());
        Assert.Single(Directory.GetFiles(_folder, "historyengine.db.before-encrypt-*"));
        Assert.Empty(Directory.GetFiles(_folder, "*encrypting*"));
    }

    [Fact]
    public async Task Encrypt_Twice_RefusesTheSecondTime_AndChangesNothing()
    {
        await SeedAsync();
        Assert.Equal(0, (await RunningSite.CommandAsync(StorePath, WithPassword, "encrypt")).ExitCode);
        var encrypted = await File.ReadAllBytesAsync(StorePath);

        var (exit, output) = await RunningSite.CommandAsync(StorePath, WithPassword, "encrypt");

        Assert.Equal(1, exit);
        Assert.Contains("is it encrypted already", output);
        Assert.Equal(encrypted, await File.ReadAllBytesAsync(StorePath));
    }

    [Fact]
    public async Task Encrypt_WithoutAPassword_OrWhileTheSiteRuns_ChangesNothing()
    {
        await SeedAsync();

        var (noPassword, said) = await RunningSite.CommandAsync(StorePath, "encrypt");
        Assert.Equal(2, noPassword);
        Assert.Contains("Store__Password", said);

        await using (var site = await RunningSite.StartAsync(StorePath, TimeSpan.FromSeconds(60)))
        {
            var (running, output) = await RunningSite.CommandAsync(StorePath, WithPassword, "encrypt");
            Assert.Equal(1, running);
            Assert.Contains("the site is running", output);
        }
        using var store = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System); // still opens as it was
        Assert.True((await store.VerifyAuditAsync()).IsIntact);
        Assert.Empty(Directory.GetFiles(_folder, "*encrypting*"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { } // best effort
    }
}
