using HistoryEngine.Web.Infrastructure.Records;

namespace HistoryEngine.Web.Infrastructure.Questionnaires;

/// <summary>Loads the questionnaires folder once, at start-up. A broken file never stops the site: it is listed,
/// with its diagnostics, for admins, and not offered to patients.</summary>
internal static class QuestionnaireCatalogSetup
{
    public static IServiceCollection AddQuestionnaireCatalog(this IServiceCollection services)
    {
        // Configuration is read when the catalog is first asked for, so that a test host's settings count.
        services.AddSingleton(sp =>
        {
            var folder = FolderPath(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(QuestionnaireCatalog));
            return CatalogLoader.Load(folder, logger);
        });
        services.AddSingleton(sp =>
        {
            var folder = FolderPath(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>());
            return CarePlanCatalog.Load(folder, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CarePlanCatalog)));
        });
        return services;
    }

    /// <summary>Loads the catalog now and archives what it offers, so a slow or broken file shows up at start-up.</summary>
    public static async Task LoadAndArchiveAsync(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<QuestionnaireCatalog>();
        try
        {
            await catalog.ArchiveAsync(services.GetRequiredService<IRecordStore>());
        }
        catch (Exception e)
        {
            // The site can still take answers on the current versions; only showing older ones needs the archive.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(QuestionnaireCatalog))
                .LogError(e, "Could not archive the questionnaire versions in the record store");
        }
    }

    /// <summary>Questionnaires:Path (relative to the content root), or else the nearest questionnaires/ folder at or
    /// above the content root: the repository's own when run with <c>dotnet run --project web</c>.</summary>
    public static string FolderPath(IConfiguration config, IWebHostEnvironment env)
    {
        if (config["Questionnaires:Path"] is { Length: > 0 } configured)
            return Path.GetFullPath(configured, env.ContentRootPath);
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "questionnaires");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return Path.Combine(env.ContentRootPath, "questionnaires");
    }
}
