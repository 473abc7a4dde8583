namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="target"/> while the site keeps running. Every write
    /// takes <see cref="_gate"/>, so holding it means no transaction is open or can start; the checkpoint then moves
    /// everything committed from LiteDB's log file into the data file, which is copied byte for byte. Readers carry on
    /// meanwhile; writers wait for the copy (a second or so for a practice's database). The copy is made beside the
    /// target and renamed into place, so a half-written backup never has the backup's name.
    /// </summary>
    public void BackupTo(string target)
    {
        var full = Path.GetFullPath(target);
        if (string.Equals(full, FilePath, StringComparison.Ordinal))
            throw new IOException("the backup cannot be the store itself");
        PrivateFiles.CreateFolder(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        _gate.Wait();
        try
        {
            _db.Checkpoint();
            using var source = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // Owner-only, like the store: a backup holds the same health data.
            PrivateFiles.Restrict(partial);
            using (var copy = new FileStream(partial, PrivateFiles.NewFile()))
            {
                source.CopyTo(copy);
                copy.Flush(flushToDisk: true);
            }
        }
        finally
        {
            _gate.Release();
        }
        File.Move(partial, full, overwrite: true);
    }
}
