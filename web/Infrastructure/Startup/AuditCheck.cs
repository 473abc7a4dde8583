using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>What the audit chain looked like when the site started; a broken chain is shown to admins on every page.
/// Null until the check at start-up has finished (it runs while the site already serves).</summary>
public sealed class AuditChainStatus
{
    private readonly TaskCompletionSource _checked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditVerification? AtStartup { get; private set; }

    public bool IsBroken => AtStartup is { IsIntact: false };

    /// <summary>Completes when the check at start-up has finished, whatever it found (or could not check).</summary>
    public Task Checked => _checked.Task;

    internal void Finish(AuditVerification? verification)
    {
        AtStartup = verification;
        _checked.TrySetResult();
    }
}

/// <summary>
/// Verifies the hash-chained audit trail: at start-up (a broken chain is reported loudly, and the site keeps working,
/// because stopping would keep clinicians from urgent submissions), and as the <c>verify-audit</c> command. The check
/// at start-up runs beside the site rather than before it serves: it reads every practice's whole chain, which at a
/// hosted service's scale takes a minute (docs/benchmarks.md), and an instance started to replace one that failed must
/// take its share of patients at once.
/// </summary>
internal static class AuditCheck
{
    public const string Command = "verify-audit";
    /// <summary>The command's exit code when the store could not be opened, so nothing was checked.</summary>
    public const int CouldNotOpen = 2;
    public const string CouldNotOpenHint =
        "HistoryEngine: the audit trail was not checked. If the site is running it holds the file: stop it first, or " +
        "open /Admin/Audit on the running site, which checks the whole chain each time it is shown.";

    public static IServiceCollection AddAuditCheck(this IServiceCollection services) => services.AddSingleton<AuditChainStatus>();

    /// <summary>One line saying how the chain stands.</summary>
    public static string Describe(AuditVerification v) => v.IsIntact
        ? $"HistoryEngine: the audit trail is intact ({v.EventsChecked} events checked)."
        : $"HistoryEngine: THE AUDIT TRAIL IS BROKEN: the first broken link is event {v.FirstBrokenSequence}: {v.Problem} ({v.EventsChecked} events before it verified).";

    /// <summary>Starts the check at start-up beside the site; <see cref="AuditChainStatus.Checked"/> says when it is done.
    /// Stopping the site cancels it.</summary>
    public static void StartBesideTheSite(IServiceProvider services, TextWriter error, CancellationToken stopping) =>
        _ = Task.Run(() => AtStartupAsync(services, error, stopping), CancellationToken.None);

    private static async Task AtStartupAsync(IServiceProvider services, TextWriter error, CancellationToken stopping)
    {
        var status = services.GetRequiredService<AuditChainStatus>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditCheck));
        AuditVerification? verification = null;
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            verification = await services.GetRequiredService<IRecordStore>().VerifyAuditAsync(stopping);
            if (verification.IsIntact)
            {
                log.LogInformation("Audit trail verified intact at start-up: {Events} events in {Seconds:0.0} s",
                    verification.EventsChecked, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                return;
            }
            await error.WriteLineAsync(Describe(verification));
            await error.WriteLineAsync("HistoryEngine: the site keeps running; an admin must find out who changed the database file.");
            log.LogCritical("Audit trail broken at event {Sequence}: {Problem}", verification.FirstBrokenSequence, verification.Problem);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // The site stopped first; nothing was found.
        }
        catch (Exception e)
        {
            // A store that cannot be read now is reported where it is used; verifying is not worth stopping the site for.
            log.LogError(e, "Could not verify the audit trail at start-up");
        }
        finally
        {
            status.Finish(verification);
        }
    }

    /// <summary>
    /// The <c>verify-audit</c> command: 0 intact, 1 broken (printing the first broken link); 2 when the store could not
    /// be opened (Program.cs), so nothing was checked.
    /// </summary>
    public static async Task<int> RunCommandAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var verification = await services.GetRequiredService<IRecordStore>().VerifyAuditAsync();
        await (verification.IsIntact ? output : error).WriteLineAsync(Describe(verification));
        return verification.IsIntact ? 0 : 1;
    }
}
