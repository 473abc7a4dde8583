using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Startup;

namespace HistoryEngine.Web.Infrastructure.Operations;

/// <summary>
/// <c>backup PATH</c> and <c>restore PATH [--force]</c> (and <c>encrypt</c>, <see cref="EncryptCommand"/>, and
/// <c>migrate-store</c>, <see cref="MigrateStoreCommand"/>), run instead of the site (<c>dotnet run --project web -- backup
/// PATH</c>), with the site's own settings to find the store. LiteDB lets one process hold the file, so when the site
/// is running the backup is handed to it through a request file beside the store (<see cref="BackupRequests"/>) and
/// this command waits for the answer; when it is not, the command opens the store and copies it itself. Every backup
/// is checked before the command says it worked: it opens, and its audit chain verifies. See docs/operations.md.
/// </summary>
internal static class StoreCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "backup" or "restore" or EncryptCommand.Verb or MigrateStoreCommand.Verb;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var verb = args[0];
        if (verb == EncryptCommand.Verb)
            return await EncryptCommand.RunAsync(args[1..], output, error);
        if (verb == MigrateStoreCommand.Verb)
            return await MigrateStoreCommand.RunAsync(args[1..], output, error);
        var rest = args.Skip(1).ToList();
        var force = rest.Remove("--force");
        var path = rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (path is null)
        {
            error.WriteLine($"usage: {verb} PATH{(verb == "restore" ? " [--force]" : "")}");
            return 2;
        }
        // The site's own configuration (appsettings, environment, command line after PATH) says where the store is.
        var builder = WebApplication.CreateBuilder([.. rest.Where(a => a != path)]);
        var storePath = RecordStoreSetup.StorePath(builder.Configuration, builder.Environment);
        var password = builder.Configuration["Store:Password"];
        path = Path.GetFullPath(path);
        try
        {
            return verb == "backup"
                ? await BackupAsync(storePath, password, path, output, error)
                : await RestoreAsync(storePath, password, path, force, output, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            error.WriteLine($"HistoryEngine {verb}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> BackupAsync(string storePath, string? password, string target, TextWriter output, TextWriter error)
    {
        if (!File.Exists(storePath))
        {
            error.WriteLine($"HistoryEngine backup: there is no store at \"{storePath}\" to back up");
            return 1;
        }
        if (TryOpen(storePath, password) is { } store)
        {
            using (store)
                store.BackupTo(target);
            output.WriteLine("The site is not running: the store was copied directly.");
        }
        else
        {
            output.WriteLine("The site is running: asking it to make the copy...");
            await BackupRequests.AskAsync(storePath, target, TimeSpan.FromMinutes(2));
        }
        var check = await VerifyAsync(target, password);
        if (check is null)
        {
            error.WriteLine($"HistoryEngine backup: the copy at \"{target}\" could not be checked; do not rely on it");
            return 1;
        }
        output.WriteLine($"Backup written to {target}: {check}");
        return 0;
    }

    private static async Task<int> RestoreAsync(string storePath, string? password, string backup, bool force,
        TextWriter output, TextWriter error)
    {
        if (!File.Exists(backup))
        {
            error.WriteLine($"HistoryEngine restore: there is no backup at \"{backup}\"");
            return 1;
        }
        if (await VerifyAsync(backup, password) is not { } check)
        {
            error.WriteLine($"HistoryEngine restore: \"{backup}\" is not a usable backup (it does not open, or its audit " +
                            "trail does not verify); nothing was changed");
            return 1;
        }
        output.WriteLine($"The backup checks out: {check}");
        if (File.Exists(storePath))
        {
            if (TryOpen(storePath, password) is not { } current)
            {
                error.WriteLine($"HistoryEngine restore: the store \"{storePath}\" is in use: the site is running. Stop the " +
                                "site first; a running site would carry on with the data it has open and the restore would be lost.");
                return 1;
            }
            current.Dispose();
            if (!force)
            {
                error.WriteLine($"HistoryEngine restore: a store already exists at \"{storePath}\". To replace it with the " +
                                "backup, run the command again with --force (the current store is kept beside it).");
                return 1;
            }
            var aside = $"{storePath}.before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}";
            File.Move(storePath, aside);
            output.WriteLine($"The current store was kept as {aside}");
        }
        PrivateFiles.CreateFolder(Path.GetDirectoryName(storePath)!);
        File.Copy(backup, storePath + ".partial", overwrite: true);
        PrivateFiles.Restrict(storePath + ".partial");
        File.Move(storePath + ".partial", storePath);
        output.WriteLine($"Restored {backup} to {storePath}. Start the site as usual.");
        return 0;
    }

    /// <summary>Opens the store if no other process has it; null when the site holds it.</summary>
    private static LiteDbRecordStore? TryOpen(string storePath, string? password)
    {
        try
        {
            return LiteDbRecordStore.Open(storePath, password, TimeProvider.System);
        }
        catch (StoreInUseException)
        {
            return null; // locked by the running site
        }
    }

    /// <summary>Opens a copy of a backup (never the backup itself, which stays untouched) and verifies its audit
    /// chain; a line of what it holds, or null when it is not usable.</summary>
    public static async Task<string?> VerifyAsync(string backup, string? password)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"he-verify-{Guid.NewGuid():N}.db");
        try
        {
            File.Copy(backup, scratch);
            using var store = LiteDbRecordStore.Open(scratch, password, TimeProvider.System);
            return await SummaryAsync(store);
        }
        catch (Exception e) when (StoreOpenFailure.Reason(e) is not null)
        {
            return null;
        }
        finally
        {
            File.Delete(scratch);
            File.Delete(scratch.Replace(".db", "-log.db"));
        }
    }

    /// <summary>What an open store holds, as one line, if its audit chain verifies; null when it does not.</summary>
    public static async Task<string?> SummaryAsync(LiteDbRecordStore store)
    {
        var audit = await store.VerifyAuditAsync();
        if (!audit.IsIntact)
            return null;
        var people = await store.ListPeopleAsync();
        var patients = people.Where(p => p.Role == Role.Patient).ToList();
        var submissions = 0;
        foreach (var patient in patients)
            submissions += (await store.ListSubmissionsForPatientAsync(patient.Id)).Count;
        return $"{people.Count} accounts, {patients.Count} patients, {submissions} submissions, audit trail of {audit.EventsChecked} events intact";
    }
}
