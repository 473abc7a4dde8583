using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>Which backend keeps the records: <c>Store:Provider</c>.</summary>
public enum StoreProvider
{
    /// <summary>An embedded LiteDB file (Store:Path): one practice, one site process. The default.</summary>
    LiteDb,
    /// <summary>A PostgreSQL server (ConnectionStrings:Records).</summary>
    PostgreSql,
}

/// <summary>Store settings that cannot be used (an unknown provider, a missing connection string).</summary>
internal sealed class StoreSettingsException(string message) : Exception(message);

/// <summary>Registers the record store and opens it before the site starts, so a bad file stops start-up at once.</summary>
internal static class RecordStoreSetup
{
    /// <summary>The database file used when Store:Path is not set, relative to the content root.</summary>
    public const string DefaultPath = "data/historyengine.db";

    public const string ProviderKey = "Store:Provider";
    public const string ConnectionName = "Records";

    /// <summary>The backend configuration chooses: LiteDb when Store:Provider is not set.</summary>
    public static StoreProvider Provider(IConfiguration config) => config[ProviderKey]?.Trim() switch
    {
        null or "" => StoreProvider.LiteDb,
        var name when Enum.TryParse<StoreProvider>(name, ignoreCase: true, out var provider) && !int.TryParse(name, out _) => provider,
        var name => throw new StoreSettingsException(
            $"{ProviderKey} is \"{name}\", which is not a store this site knows: use LiteDb (the default) or PostgreSql."),
    };

    /// <summary>ConnectionStrings:Records, required for PostgreSQL.</summary>
    public static string ConnectionString(IConfiguration config) =>
        config.GetConnectionString(ConnectionName) is { Length: > 0 } connection
            ? connection
            : throw new StoreSettingsException(
                $"{ProviderKey} is PostgreSql but ConnectionStrings:{ConnectionName} is not set (for example " +
                "\"Host=127.0.0.1;Port=5432;Username=historyengine;Database=historyengine\").");

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
        services.AddSingleton(sp => PostgreSqlRecordStore.Open(
            ConnectionString(sp.GetRequiredService<IConfiguration>()), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRecordStore>(sp => IsPostgreSql(sp)
            ? sp.GetRequiredService<PostgreSqlRecordStore>()
            : sp.GetRequiredService<LiteDbRecordStore>());
        // Each aggregate's port is the same store, so a class can ask for only what it uses.
        services.AddSingleton<IPeopleStore>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<ISubmissionStore>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<IRecordEntryStore>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<IGrantStore>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<IPlanAlertStore>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<IArchiveStore>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<IAuditStore>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<ITwoFactorStore>(sp => IsPostgreSql(sp)
            ? sp.GetRequiredService<PostgreSqlRecordStore>()
            : sp.GetRequiredService<LiteDbRecordStore>());
        return services;
    }

    private static bool IsPostgreSql(IServiceProvider sp) =>
        Provider(sp.GetRequiredService<IConfiguration>()) == StoreProvider.PostgreSql;

    /// <summary>The full path of the database file: Store:Path, relative to the content root when not absolute.</summary>
    public static string StorePath(IConfiguration config, IWebHostEnvironment env)
    {
        var configured = config["Store:Path"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured, env.ContentRootPath);
    }

    /// <summary>Opens the store; on failure returns one line naming the store and the reason (no stack trace).</summary>
    public static string? TryOpen(IServiceProvider services)
    {
        var config = services.GetRequiredService<IConfiguration>();
        try
        {
            services.GetRequiredService<IRecordStore>();
            return null;
        }
        catch (StoreSettingsException e)
        {
            return $"HistoryEngine: cannot open the record store: {e.Message}";
        }
        catch (Exception e) when (Provider(config) == StoreProvider.PostgreSql && PostgreSqlFailure(e) is { } reason)
        {
            return $"HistoryEngine: cannot open the PostgreSQL record store ({Describe(ConnectionString(config))}): {reason}. " +
                   $"Check ConnectionStrings:{ConnectionName} and that the server is running.";
        }
        catch (Exception e) when (Provider(config) == StoreProvider.LiteDb && StoreOpenFailure.Reason(e) is { } reason)
        {
            var path = StorePath(config, services.GetRequiredService<IWebHostEnvironment>());
            return $"HistoryEngine: cannot open the record store \"{path}\": {reason}. Set Store:Path to a usable file.";
        }
    }

    /// <summary>Why PostgreSQL could not be used, in words; null for an exception that is not about the database.</summary>
    internal static string? PostgreSqlFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case MigrationFailedException migration:
                    return $"the schema could not be brought up to date: {migration.Message}";
                case RecordStoreUnavailableException unavailable:
                    return "the server cannot be reached (" + FirstLine(unavailable.InnerException?.Message ?? unavailable.Message) + ")";
                case PostgresException pg:
                    return $"the server refused ({pg.SqlState}: {FirstLine(pg.MessageText)})";
                case ArgumentException argument when e.StackTrace?.Contains("Npgsql", StringComparison.Ordinal) == true:
                    return $"the connection string is not valid ({FirstLine(argument.Message)})";
            }
        }
        return null;
    }

    /// <summary>The server and database a connection string names, without its password.</summary>
    internal static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"Host={b.Host};Port={b.Port};Database={b.Database};Username={b.Username}";
        }
        catch (ArgumentException)
        {
            return "ConnectionStrings:" + ConnectionName;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd('.');
}
