using System.Runtime.Versioning;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>
/// Issue 12, point 10: the data files were readable by any local user (0644 in a 0755 folder). The site creates its
/// data folder 0700 and every file it writes there, and its backups, 0600, whatever umask it was started with.
/// </summary>
[UnsupportedOSPlatform("windows")] // Unix permissions are what these tests are about
public sealed class DataFileTests : IDisposable
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _root = Directory.CreateTempSubdirectory("he-files-").FullName;

    private static string Modes(string folder) => string.Join(", ",
        Directory.EnumerateFileSystemEntries(folder).Select(f => $"{Path.GetFileName(f)} {File.GetUnixFileMode(f)}"));

    [Fact]
    public async Task TheRunningSite_MakesItsDataFolder0700_AndItsFilesAndBackups0600_StartedWithUmask022()
    {
        var data = Path.Combine(_root, "data");
        var store = Path.Combine(data, "historyengine.db");
        var backup = Path.Combine(_root, "backups", "nightly.db");

        await using (var site = await RunningSite.StartAsync(store, TimeSpan.FromSeconds(60), umask: "022", workingDirectory: _root))
        {
            var (exit, output) = await RunningSite.CommandAsync(store, "backup", backup);
            Assert.True(exit == 0, output);
            Assert.Contains("The site is running", output); // so the site wrote the backup, under its own umask
            Assert.True(File.Exists(store + ".lock") && File.Exists(store));
            Assert.Equal(Folder, File.GetUnixFileMode(data));
            Assert.All(Directory.EnumerateFiles(data), f => Assert.True(File.GetUnixFileMode(f) == File0600, Modes(data)));
        }

        Assert.Equal(Folder, File.GetUnixFileMode(Path.GetDirectoryName(backup)!));
        Assert.Equal(File0600, File.GetUnixFileMode(backup));
    }

    [Fact]
    public async Task AStoreLeftReadableByAnEarlierVersion_IsMadeOwnerOnly_WhenItIsOpened()
    {
        var store = Path.Combine(_root, "historyengine.db");
        using (var old = LiteDbRecordStore.Open(store, null, TimeProvider.System))
            await old.AppendAuditAsync(new AuditEntry("admin", "before", null, null));
        foreach (var file in LiteDbRecordStore.Files(store).Where(File.Exists))
            File.SetUnixFileMode(file, File0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var reopened = LiteDbRecordStore.Open(store, null, TimeProvider.System);

        var files = LiteDbRecordStore.Files(store).Where(File.Exists).ToList();
        Assert.Contains(store, files);
        Assert.All(files, f => Assert.Equal(File0600, File.GetUnixFileMode(f)));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { } // best effort
    }
}
