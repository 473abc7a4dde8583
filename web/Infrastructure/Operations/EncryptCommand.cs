using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Startup;

namespace HistoryEngine.Web.Infrastructure.Operations;

/// <summary>
/// <c>encrypt</c>: turns the store made without a password into one encrypted with <c>Store:Password</c> (docs/operations.md,
/// "Encrypt an existing store"). LiteDB cannot add a password to a file in place, so every document is copied into a
/// new encrypted file beside it, which is checked (it opens with the password, its audit trail verifies, and it holds
/// as many accounts, patients, submissions and audit events as the old one) before it takes the store's name. The old
/// file is kept beside it, still readable by anyone with the disk, for the practice to delete once they have checked.
/// </summary>
internal static class EncryptCommand
{
    public const string Verb = "encrypt";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var builder = WebApplication.CreateBuilder(args);
        var storePath = RecordStoreSetup.StorePath(builder.Configuration, builder.Environment);
        var password = builder.Configuration["Store:Password"];
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("HistoryEngine encrypt: set the new password first, as the environment variable Store__Password " +
                            "(see \"Before the site goes live\" in docs/operations.md); nothing was changed");
            return 2;
        }
        if (!File.Exists(storePath))
        {
            error.WriteLine($"HistoryEngine encrypt: there is no store at \"{storePath}\"; nothing was changed");
            return 1;
        }
        var copy = Path.Combine(Path.GetDirectoryName(storePath)!,
            Path.GetFileNameWithoutExtension(storePath) + "-encrypting" + Path.GetExtension(storePath));
        try
        {
            return await EncryptAsync(storePath, copy, password, output, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"HistoryEngine encrypt: {e.Message}; the store was not changed");
            return 1;
        }
        finally
        {
            foreach (var file in LiteDbRecordStore.Files(copy))
                File.Delete(file); // whatever is left of the copy when it did not take the store's place
        }
    }

    private static async Task<int> EncryptAsync(string storePath, string copy, string password, TextWriter output, TextWriter error)
    {
        foreach (var file in LiteDbRecordStore.Files(copy))
            File.Delete(file); // from an earlier run that stopped part way (never the store itself)
        string? before;
        try
        {
            using var plain = LiteDbRecordStore.Open(storePath, null, TimeProvider.System);
            before = await StoreCommands.SummaryAsync(plain);
            if (before is null)
            {
                error.WriteLine($"HistoryEngine encrypt: the audit trail of \"{storePath}\" does not verify (run verify-audit); " +
                                "nothing was changed");
                return 1;
            }
            using var encrypted = LiteDbRecordStore.Open(copy, password, TimeProvider.System);
            plain.CopyEverythingTo(encrypted);
        }
        catch (StoreInUseException)
        {
            error.WriteLine($"HistoryEngine encrypt: the store \"{storePath}\" is in use: the site is running. Stop the site " +
                            "first; nothing was changed");
            return 1;
        }
        catch (Exception e) when (StoreOpenFailure.Reason(e) is { } reason)
        {
            error.WriteLine($"HistoryEngine encrypt: cannot open \"{storePath}\" without a password ({reason}): is it " +
                            "encrypted already? Nothing was changed");
            return 1;
        }
        // Both logs were folded into their files; an empty one left behind must not be taken for the other file's.
        foreach (var log in new[] { LiteDbRecordStore.LogFile(storePath), LiteDbRecordStore.LogFile(copy) })
        {
            if (File.Exists(log) && new FileInfo(log).Length > 0)
                throw new IOException($"LiteDB left changes in \"{log}\" that are not in its file");
            File.Delete(log);
        }
        var after = await StoreCommands.VerifyAsync(copy, password);
        if (after != before)
        {
            error.WriteLine($"HistoryEngine encrypt: the encrypted copy does not match the store (it holds " +
                            $"{after ?? "nothing readable"}; the store holds {before}); nothing was changed");
            return 1;
        }
        var aside = $"{storePath}.before-encrypt-{DateTime.UtcNow:yyyyMMddHHmmss}";
        File.Move(storePath, aside);
        File.Move(copy, storePath);
        PrivateFiles.Restrict(storePath);
        output.WriteLine($"Encrypted {storePath}: {after}.");
        output.WriteLine($"The unencrypted store was kept as {aside}: anyone with the disk can read it. Once the site " +
                         "starts with the password and you have checked it, delete that file, and any backups made before.");
        return 0;
    }
}
