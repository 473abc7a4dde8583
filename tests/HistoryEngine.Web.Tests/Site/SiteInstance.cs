using HistoryEngine.Testing;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>
/// One instance of several behind a load balancer: the built site beside the tests as its own process
/// (<see cref="SiteServer"/>), on the PostgreSQL database it is given. Each has its own HOME, so no data-protection
/// key is shared through the file system: only the database can make a cookie from one open on another.
/// </summary>
public static class SiteInstance
{
    /// <summary>Starts an instance and waits until /health/ready answers 200.</summary>
    public static Task<SiteServer> StartAsync(string connectionString, TimeSpan timeout) => SiteServer.StartAsync(new SiteServerOptions
    {
        SiteDll = Path.Combine(AppContext.BaseDirectory, "HistoryEngine.Web.dll"),
        Environment = new Dictionary<string, string>
        {
            ["Store__Provider"] = "PostgreSql",
            ["ConnectionStrings__Records"] = connectionString,
            ["Questionnaires__Path"] = TestPaths.Questionnaires,
        },
        Timeout = timeout,
    });
}
