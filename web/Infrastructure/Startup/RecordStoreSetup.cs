using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>Registers the record store and opens it before the site starts, so a bad file stops start-up at once.</summary>
internal static class RecordStoreSetup
{
    /// <summary>The database file used when Store:Path is not set, relative to the content root.</summary>
    public const string DefaultPath = "data/historyengine.db";

    public static IServiceCollection AddRecordStore(this IServiceCollection services)
    {
        // Read configuration when the store is first asked for (not now), so that settings added by a test host
        // after Program has run still count.
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var env = sp.GetRequiredService<IWebHostEnvironment>();
            var path = StorePath(config, env);
            return LiteDbRecordStore.Open(path, config["Store:Password"], sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<LiteDbRecordStore>());
        services.AddSingleton<ITwoFactorStore>(sp => sp.GetRequiredService<LiteDbRecordStore>());
        return services;
    }

    /// <summary>The full path of the database file: Store:Path, relative to the content root when not absolute.</summary>
    public static string StorePath(IConfiguration config, IWebHostEnvironment env)
    {
        var configured = config["Store:Path"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured, env.ContentRootPath);
    }

    /// <summary>Opens the store; on failure returns one line naming the file and the reason (no stack trace).</summary>
    public static string? TryOpen(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IRecordStore>();
            return null;
        }
        catch (Exception e) when (StoreOpenFailure.Reason(e) is { } reason)
        {
            var path = StorePath(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IWebHostEnvironment>());
            return $"HistoryEngine: cannot open the record store \"{path}\": {reason}. Set Store:Path to a usable file.";
        }
    }
}
