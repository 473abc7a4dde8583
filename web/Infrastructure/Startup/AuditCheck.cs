using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>What the audit chain looked like when the site started; a broken chain is shown to admins on every page.</summary>
public sealed class AuditChainStatus
{
    public AuditVerification? AtStartup { get; internal set; }

    public bool IsBroken => AtStartup is { IsIntact: false };
}

/// <summary>
/// Verifies the hash-chained audit trail: at start-up (a broken chain is reported loudly, and the site keeps working,
/// because stopping would keep clinicians from urgent submissions), and as the <c>verify-audit</c> command.
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

    public static async Task AtStartupAsync(IServiceProvider services, TextWriter error)
    {
        AuditVerification verification;
        try
        {
            verification = await services.GetRequiredService<IRecordStore>().VerifyAuditAsync();
        }
        catch (Exception e)
        {
            // A store that cannot be read now is reported where it is used; verifying is not worth stopping the site for.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditCheck))
                .LogError(e, "Could not verify the audit trail at start-up");
            return;
        }
        services.GetRequiredService<AuditChainStatus>().AtStartup = verification;
        if (verification.IsIntact)
            return;
        await error.WriteLineAsync(Describe(verification));
        await error.WriteLineAsync("HistoryEngine: the site keeps running; an admin must find out who changed the database file.");
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditCheck))
            .LogCritical("Audit trail broken at event {Sequence}: {Problem}", verification.FirstBrokenSequence, verification.Problem);
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
