using Microsoft.Extensions.DependencyInjection;
using HistoryEngine.Web.Infrastructure.Startup;
using System.Diagnostics;
using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using LiteDB;

namespace HistoryEngine.Web.Tests.Site.Review;

[Collection(SharedSite.Collection)]
public sealed class AuditTrailTests(SharedSite shared) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("he-audit-").FullName;
    private string DatabasePath => Path.Combine(_folder, "site.db");

    /// <summary>A database file holding a short audit trail, closed so that it can be edited behind the site's back.</summary>
    private async Task WriteTrailAsync(int events = 5)
    {
        using var store = LiteDbRecordStore.Open(DatabasePath, null, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)));
        for (var i = 1; i <= events; i++)
            await store.AppendAuditAsync(new AuditEntry("c1", ReviewAudit.SubmissionViewed, "p1", $"HE-{i}"));
    }

    private void Tamper(Action<ILiteCollection<BsonDocument>> edit)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = DatabasePath, Connection = ConnectionType.Direct });
        edit(db.GetCollection("audit"));
    }

    /// <summary>Runs the built site with arguments, as <c>dotnet run --project web -- ARGS</c> does.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunSiteAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HistoryEngine.Web.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Store__Path"] = DatabasePath;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task VerifyAuditCommand_OnAnIntactTrail_ExitsZero()
    {
        await WriteTrailAsync();

        var (exit, stdout, _) = await RunSiteAsync("verify-audit");

        Assert.Equal(0, exit);
        Assert.Contains("the audit trail is intact (5 events checked)", stdout);
    }

    [Fact]
    public async Task VerifyAuditCommand_AfterAFieldIsEditedInTheFile_ExitsOne_NamingTheFirstBrokenLink()
    {
        await WriteTrailAsync();
        Tamper(audit =>
        {
            var doc = audit.FindById(3);
            doc["actorId"] = "someone-else";
            audit.Update(doc);
        });

        var (exit, _, stderr) = await RunSiteAsync("verify-audit");

        Assert.Equal(1, exit);
        Assert.Contains("the first broken link is event 3: its contents do not match its hash", stderr);
    }

    [Fact]
    public async Task VerifyAuditCommand_AfterARecordIsDeletedFromTheFile_ExitsOne()
    {
        await WriteTrailAsync();
        Tamper(audit => audit.Delete(2));

        var (exit, _, stderr) = await RunSiteAsync("verify-audit");

        Assert.Equal(1, exit);
        Assert.Contains("the first broken link is event 2: event 2 is missing", stderr);
    }

    [Fact]
    public async Task Site_WithABrokenChain_SaysSoLoudly_KeepsWorking_AndShowsAdminsABanner()
    {
        await WriteTrailAsync();
        Tamper(audit => audit.Delete(5));

        var (_, _, stderr) = await SiteProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Store__Path"] = DatabasePath,
            ["AllowedHosts"] = "practice.example",
            ["Store__AllowUnencrypted"] = "true",
        }, "THE AUDIT TRAIL IS BROKEN", TimeSpan.FromSeconds(60));
        Assert.Contains("THE AUDIT TRAIL IS BROKEN", stderr);

        using var site = new TestSite { StorePath = DatabasePath };
        var admin = await site.SignedInAsync(Role.Admin, "kim");
        // The check at start-up runs beside the site (it does not hold up serving); the banner shows once it is done.
        await site.Services.GetRequiredService<AuditChainStatus>().Checked.WaitAsync(TimeSpan.FromSeconds(30));
        var clinician = await site.SignedInAsync(Role.Clinician, "drjones");
        var adminHome = await admin.GetStringAsync("/Admin");
        var search = await admin.GetStringAsync("/Admin/Audit");
        var queue = await clinician.GetAsync("/Clinician");

        Assert.Contains("The audit trail is broken", adminHome);
        Assert.Contains("The chain does not verify", search);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.DoesNotContain("The audit trail is broken", await queue.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminSearch_ByPatientUserAndDates_ShowsTheChainStatus_AndOnlyAdminsMaySearch()
    {
        using var r = await ReviewSite.StartAsync(shared);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        var admin = await r.Site.SignedInAsync(Role.Admin, TestSite.UniqueName("kim"));
        // The search is by UK day, as the times are shown.
        var today = UkTime.Today(r.Site.Clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = UkTime.Today(r.Site.Clock).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var byPatient = await admin.GetStringAsync($"/Admin/Audit?patient={r.Patient.UserName}&user={r.Clinician.UserName}&from={today}&to={today}");
        var later = await admin.GetStringAsync($"/Admin/Audit?patient={r.Patient.UserName}&from={tomorrow}");
        var unknown = await admin.GetStringAsync("/Admin/Audit?user=nobody");
        var asClinician = await r.ClinicianClient.GetAsync("/Admin/Audit");

        Assert.Contains("The chain verifies", byPatient);
        Assert.Contains(ReviewAudit.SubmissionViewed, byPatient);
        Assert.Contains(s.Reference, byPatient);
        Assert.Contains("0 events", later);
        Assert.Contains("There is no user with the user name or id &#x27;nobody&#x27;", unknown);
        Assert.Equal(HttpStatusCode.Redirect, asClinician.StatusCode);
    }

    [Fact]
    public async Task EveryClinicianViewAndDecision_IsAppendedToTheTrail_WhichStillVerifies()
    {
        using var r = await ReviewSite.StartAsync(shared);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        await ReviewSite.GetAsync(r.ClinicianClient, "/Clinician");
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Review", page);
        await r.FileAsync(s, ("accept", "0"), ("value-0", "166"), ("message", "Thanks"));
        await ReviewSite.GetAsync(r.ClinicianClient, $"/Clinician/Patient/{r.Patient.Id}");
        await r.ClinicianClient.GetAsync(ReviewSite.Url(s) + "?handler=Fhir");

        var actions = (await r.Site.Store.SearchAuditAsync(new AuditQuery(null, r.Clinician.Id, null, null))).Select(e => e.Action).ToList();
        Assert.Equivalent(new[]
        {
            ReviewAudit.QueueViewed, ReviewAudit.SubmissionViewed, ReviewAudit.StatusChanged, ReviewAudit.Filed,
            ReviewAudit.MessageSent, ReviewAudit.RecordViewed, ReviewAudit.FhirBundle,
        }, actions.Distinct());
        Assert.True((await r.Site.Store.VerifyAuditAsync()).IsIntact);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
