using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;

namespace HistoryEngine.Web.Infrastructure.Operations;

/// <summary>
/// How the backup command reaches a running site: it writes <c>STORE.backup-request</c> (the target path) beside the
/// store, and the site, which looks for that file every second, makes the copy under its own lock and answers in
/// <c>STORE.backup-done</c>. Only someone who can write in the store's folder can ask, and they could read the
/// store anyway.
/// </summary>
internal sealed class BackupRequests(IServiceProvider services, IConfiguration config, ILogger<BackupRequests> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private sealed record Answer(bool Ok, string Message);

    public static string RequestFile(string storePath) => storePath + ".backup-request";
    public static string AnswerFile(string storePath) => storePath + ".backup-done";

    /// <summary>The command's side: asks, then waits for the site's answer.</summary>
    public static async Task AskAsync(string storePath, string target, TimeSpan timeout)
    {
        File.Delete(AnswerFile(storePath));
        await File.WriteAllTextAsync(RequestFile(storePath) + ".partial", target);
        File.Move(RequestFile(storePath) + ".partial", RequestFile(storePath), overwrite: true);
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            if (!File.Exists(AnswerFile(storePath)))
                continue;
            var answer = JsonSerializer.Deserialize<Answer>(await File.ReadAllTextAsync(AnswerFile(storePath)));
            File.Delete(AnswerFile(storePath));
            if (answer is not { Ok: true })
                throw new IOException($"the site could not make the backup: {answer?.Message}");
            return;
        }
        File.Delete(RequestFile(storePath));
        throw new TimeoutException("the site did not answer within two minutes: is it the site using this store, and is it running?");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Backup requests are for the LiteDB file only: a PostgreSQL store is backed up with pg_dump (docs/operations.md).
        if (Startup.RecordStoreSetup.Provider(config) != Startup.StoreProvider.LiteDb)
            return;
        var store = services.GetRequiredService<LiteDbRecordStore>();
        var request = RequestFile(store.FilePath);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!File.Exists(request))
                continue;
            Answer answer;
            try
            {
                var target = (await File.ReadAllTextAsync(request, stoppingToken)).Trim();
                File.Delete(request);
                store.BackupTo(target);
                logger.LogInformation("Backup of the record store written to {Target}", target);
                answer = new Answer(true, target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("A backup was asked for and failed: {Reason}", e.Message);
                answer = new Answer(false, e.Message);
            }
            // Written beside and renamed into place, so the command never reads an answer half written.
            var answerFile = AnswerFile(store.FilePath);
            await File.WriteAllTextAsync(answerFile + ".partial", JsonSerializer.Serialize(answer), stoppingToken);
            File.Move(answerFile + ".partial", answerFile, overwrite: true);
        }
    }
}
