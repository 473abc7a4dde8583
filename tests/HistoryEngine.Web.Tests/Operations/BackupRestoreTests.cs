using System.Net;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Security.Matrix;
using HistoryEngine.Web.Tests.Site;
using Microsoft.AspNetCore.Identity;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>The backup and restore commands, run as the practice would: against the real site process.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("he-backup-").FullName;
    private string StorePath => Path.Combine(_folder, "site", "historyengine.db");
    private string BackupPath => Path.Combine(_folder, "backups", "monday.db");

    private async Task<(string PatientId, string Reference)> SeedAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        using var store = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System);
        var hash = new PasswordHasher<Person>().HashPassword(null!, TestSite.Password);
        var patient = await store.AddPersonAsync(new NewPerson(Role.Patient, "Alex Patient", "alex", null, null, null, hash));
        var submission = await store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id,
            new QuestionnaireRef("bp-check", "1.0.0", "h"), """{"arm":"left"}""", """{"flags":[]}""", FlagLevel.Routine));
        await store.FileSubmissionAsync(submission.Id, "clinician-1", [new NewRecordEntry(patient.Id, "http://snomed.info/sct",
            "413606001", "Average home systolic blood pressure", "142", "mm[Hg]", "clinician-1", submission.Id, "1.0.0")]);
        await store.AppendAuditAsync(new AuditEntry("clinician-1", "filed", patient.Id, submission.Reference));
        return (patient.Id, submission.Reference);
    }

    [Fact]
    public async Task Backup_WhileTheSiteRuns_HoldsEverythingUpToThen_AndRestoreBringsItBack()
    {
        var (patientId, reference) = await SeedAsync();
        await using (var site = await RunningSite.StartAsync(StorePath, TimeSpan.FromSeconds(60)))
        {
            // A sign-in through the running site writes to the store (the audit trail) just before the backup.
            var client = new HttpClient(new CookieJar { ActAsLocalProxy = true, InnerHandler = new HttpClientHandler { AllowAutoRedirect = false } }) { BaseAddress = site.Address };
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PasswordAsync(client, "alex", TestSite.Password)).StatusCode);

            var (exit, output) = await RunningSite.CommandAsync(StorePath, "backup", BackupPath);

            Assert.True(exit == 0, output);
            Assert.Contains("The site is running", output);
            Assert.Contains("audit trail of", output);
            // Restoring over the store of a running site is refused, even with --force.
            var (refused, why) = await RunningSite.CommandAsync(StorePath, "restore", BackupPath, "--force");
            Assert.Equal(1, refused);
            Assert.Contains("the site is running", why);
        }

        var restoredPath = Path.Combine(_folder, "restored", "historyengine.db");
        var (restoreExit, restoreOutput) = await RunningSite.CommandAsync(restoredPath, "restore", BackupPath);

        Assert.True(restoreExit == 0, restoreOutput);
        using var restored = LiteDbRecordStore.Open(restoredPath, null, TimeProvider.System);
        Assert.Equal(reference, Assert.Single(await restored.ListSubmissionsForPatientAsync(patientId)).Reference);
        Assert.Equal("142", Assert.Single(await restored.ListRecordEntriesAsync(patientId)).Value);
        Assert.True((await restored.VerifyAuditAsync()).IsIntact);
        Assert.Contains(await restored.ListAuditAsync(patientId, 10), e => e.Action == "signed-in");
    }

    [Fact]
    public async Task Backup_WithTheSiteStopped_CopiesDirectly_AndRestoreNeedsForceToReplaceAStore()
    {
        var (patientId, _) = await SeedAsync();

        var (exit, output) = await RunningSite.CommandAsync(StorePath, "backup", BackupPath);
        var (withoutForce, refusal) = await RunningSite.CommandAsync(StorePath, "restore", BackupPath);
        var (withForce, forced) = await RunningSite.CommandAsync(StorePath, "restore", BackupPath, "--force");

        Assert.True(exit == 0, output);
        Assert.Contains("copied directly", output);
        Assert.Equal(1, withoutForce);
        Assert.Contains("--force", refusal);
        Assert.True(withForce == 0, forced);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(StorePath)!, "historyengine.db.before-restore-*"));
        using var store = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System);
        Assert.Single(await store.ListSubmissionsForPatientAsync(patientId));
    }

    [Fact]
    public async Task Restore_OfABackupWhoseAuditTrailWasTamperedWith_IsRefused_AndChangesNothing()
    {
        await SeedAsync();
        await RunningSite.CommandAsync(StorePath, "backup", BackupPath);
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = BackupPath }))
        {
            var audit = db.GetCollection("audit");
            var first = audit.FindById(1);
            first["details"] = "nothing to see here";
            audit.Update(first);
        }
        var before = await File.ReadAllBytesAsync(StorePath);
        var restoredPath = Path.Combine(_folder, "restored", "historyengine.db");

        var (exit, output) = await RunningSite.CommandAsync(restoredPath, "restore", BackupPath);

        Assert.Equal(1, exit);
        Assert.Contains("is not a usable backup", output);
        Assert.False(File.Exists(restoredPath));
        Assert.Equal(before, await File.ReadAllBytesAsync(StorePath));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}

public sealed class StoreLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("he-lock-").FullName;

    [Fact]
    public async Task ASecondSite_OnTheSameStore_RefusesToStart_WithOneClearLine()
    {
        var path = Path.Combine(_folder, "historyengine.db");
        await using var first = await RunningSite.StartAsync(path, TimeSpan.FromSeconds(60));

        var (exit, _, stderr) = await SiteProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Store__Path"] = path,
        }, "Now listening", TimeSpan.FromSeconds(60));

        Assert.NotNull(exit);
        Assert.NotEqual(0, exit);
        Assert.Contains("it is in use by another process", stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
