using HistoryEngine.Testing;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>
/// The site built in Release, run as its own process (<see cref="SiteServer"/>: Production, https on 127.0.0.1 with a
/// certificate made for the run, a temporary HOME) on a given LiteDB store file, stopped as a service manager stops it.
/// </summary>
internal static class SiteProcess
{
    /// <summary>The site's build output (bench.sh builds it in Release first).</summary>
    public static string SiteDll => Path.Combine(Repo.Root, "web", "bin", "Release", "net10.0", "HistoryEngine.Web.dll");

    /// <summary>Starts the site on this store and waits for the first 200 from the sign-in page.</summary>
    public static Task<SiteServer> StartAsync(string storePath, TimeSpan timeout) => SiteServer.StartAsync(new SiteServerOptions
    {
        SiteDll = SiteDll,
        // The content root is web/: wwwroot (with the NHS.UK copies the build makes) and appsettings.json are there.
        WorkingDirectory = Path.Combine(Repo.Root, "web"),
        Environment = new Dictionary<string, string>
        {
            ["Store__Path"] = storePath,
            // Production refuses an unencrypted store unless told it is meant (docs/operations.md).
            ["Store__AllowUnencrypted"] = "true",
            ["Questionnaires__Path"] = Path.Combine(Repo.Root, "questionnaires"),
        },
        ReadyPath = "/Account/SignIn",
        Timeout = timeout,
        Poll = TimeSpan.FromMilliseconds(10),
        StopGracefully = true,
    });
}
