using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using LiteDB;

namespace HistoryEngine.Web.Tests.Site;

public sealed class StartupTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("he-start-").FullName;

    // Production as a practice might run it on an encrypted disk: these tests are about the file, not the settings
    // Production insists on (ProductionStartupTests).
    private static Dictionary<string, string> Environment(string storePath, string environment = "Production") => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = environment,
        ["Store__Path"] = storePath,
        ["AllowedHosts"] = "practice.example",
        ["Store__AllowUnencrypted"] = "true",
    };

    private static void AssertOneClearLine(int? exitCode, string stderr, string path, string reason)
    {
        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("HistoryEngine: cannot open the record store", line);
        Assert.Contains(path, line);
        Assert.Contains(reason, line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public async Task Start_WithTheStorePathNamingAFolder_PrintsOneClearLineAndExitsNonZero()
    {
        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Environment(_folder), "Now listening", Timeout);

        AssertOneClearLine(exitCode, stderr, _folder, "it is a directory");
    }

    [Fact]
    public async Task Start_WithACorruptDatabaseFile_PrintsOneClearLineAndExitsNonZero()
    {
        var path = Path.Combine(_folder, "corrupt.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 16384).Select(i => (byte)(i * 7 % 251)).ToArray());

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Environment(path), "Now listening", Timeout);

        AssertOneClearLine(exitCode, stderr, path, "not a LiteDB database");
    }

    [Fact]
    public async Task Start_WithTheStorePathNamingSomeOtherSmallFile_RefusesAndLeavesTheFileAlone()
    {
        var path = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(path, "Practice phone numbers, not a database\n");

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Environment(path), "Now listening", Timeout);

        AssertOneClearLine(exitCode, stderr, path, "not a LiteDB database");
        Assert.Equal("Practice phone numbers, not a database\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Start_WithAnEncryptedFileAndNoPassword_PrintsOneClearLineAndExitsNonZero()
    {
        var path = Path.Combine(_folder, "locked.db");
        using (var db = new LiteDatabase(new ConnectionString { Filename = path, Password = "secret" }))
            db.GetCollection("x").Insert(new BsonDocument { ["a"] = 1 });

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Environment(path), "Now listening", Timeout);

        AssertOneClearLine(exitCode, stderr, path, "password");
    }

    [Fact]
    public async Task Start_InDevelopment_PrintsTheDemoAccountsEveryTime()
    {
        var path = Path.Combine(_folder, "dev.db");
        var environment = Environment(path, "Development");
        environment["Demo__SeedAccounts"] = "true";

        var first = await SiteProcess.RunAsync(environment, "Now listening", Timeout);
        var second = await SiteProcess.RunAsync(environment, "Now listening", Timeout);

        foreach (var (_, stdout, stderr) in new[] { first, second })
        {
            Assert.Contains("Demo accounts (Development only", stdout);
            Assert.Contains("patient1", stdout);
            Assert.Contains("clinician1", stdout);
            // Issue 15 point 4: demo patients have test NHS numbers (valid, in the 999 range) and phone numbers.
            Assert.Contains("patient1     Patient    Alex Patient (NHS number 999 000 0018, phone 07700 900123)", stdout);
            Assert.Contains("Now listening", stdout + stderr);
        }
    }

    // Run as root, the tests cannot take a file's permissions away, so the wording is checked directly.
    [Fact]
    public void Reason_ForAFileThePracticeCannotRead_SaysPermissionDenied()
    {
        var reason = StoreOpenFailure.Reason(new InvalidOperationException("wrapped", new UnauthorizedAccessException()));

        Assert.StartsWith("permission denied", reason);
    }

    [Fact]
    public void Reason_ForAnUnrelatedException_IsNull_SoRealBugsStillSurface()
    {
        Assert.Null(StoreOpenFailure.Reason(new InvalidOperationException("bug")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
