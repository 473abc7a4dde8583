using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>
/// What lets several site processes run behind a load balancer on one PostgreSQL database (docs/operations.md,
/// "Running several instances"): one data-protection key ring in the database, and the health endpoints a load
/// balancer asks. (Ended sessions and the sign-in limit's counts are in the store too: see ISharedInstanceState.)
/// On LiteDB nothing changes: the keys stay where ASP.NET Core keeps them by default, as before.
/// </summary>
internal static class SharedInstances
{
    /// <summary>The application name every instance protects under on PostgreSQL. Without one fixed name, the framework
    /// uses the content root path, and two instances installed in different folders could not read each other's
    /// cookies even with the same keys.</summary>
    public const string ApplicationName = "HistoryEngine";

    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IServiceCollection AddSharedInstances(this IServiceCollection services)
    {
        services.AddDataProtection();
        // Read the provider when the options are first needed, not now, so that a test host's settings count.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            if (RecordStoreSetup.Provider(sp.GetRequiredService<IConfiguration>()) == StoreProvider.PostgreSql)
                options.XmlRepository = new PostgreSqlXmlRepository(sp.GetRequiredService<PostgreSqlRecordStore>());
        });
        services.AddOptions<DataProtectionOptions>().Configure<IConfiguration>((options, config) =>
        {
            if (RecordStoreSetup.Provider(config) == StoreProvider.PostgreSql)
                options.ApplicationDiscriminator = ApplicationName;
        });
        services.AddHealthChecks().AddCheck<StoreReachable>("store", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// On PostgreSQL, makes sure the shared key ring has a key before the site takes requests, holding a database lock
    /// while it does: two instances starting together on an empty ring would otherwise each make a key of their own,
    /// and each would refuse the other's cookies until it next read the ring.
    /// </summary>
    public static async Task EnsureKeyRingAsync(IServiceProvider services)
    {
        if (RecordStoreSetup.Provider(services.GetRequiredService<IConfiguration>()) != StoreProvider.PostgreSql)
            return;
        var store = services.GetRequiredService<PostgreSqlRecordStore>();
        var protection = services.GetRequiredService<IDataProtectionProvider>();
        // Protecting anything loads the ring, and makes the first key when there is none.
        await store.WithKeyRingLockAsync(() => protection.CreateProtector("HistoryEngine.KeyRingCheck").Protect([1]));
    }

    /// <summary>
    /// /health/live answers 200 while the process runs; /health/ready answers 200 when the record store answers a
    /// read and 503 when it does not. Anonymous, plain "Healthy" or "Unhealthy" with no details, never cached, and no
    /// patient data is read (a lookup of an id no person has), so nothing is audited.
    /// </summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new() { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }

    /// <summary>True for the health endpoints' paths (kept out of the https redirect: a load balancer probes over http).</summary>
    public static bool IsHealthPath(PathString path) => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>Ready when a read on the record store answers (PostgreSQL reachable; the LiteDB file open).</summary>
    private sealed class StoreReachable(IRecordStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await store.GetPersonAsync("health-check", ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is RecordStoreUnavailableException or ObjectDisposedException or IOException)
            {
                return HealthCheckResult.Unhealthy();
            }
        }
    }
}
