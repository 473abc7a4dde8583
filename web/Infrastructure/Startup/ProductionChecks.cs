using Microsoft.Extensions.Configuration.Json;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>
/// Settings that are fine on a developer's machine and unsafe on a practice's server. In Production the site refuses
/// to start with them unless configuration says, by its own explicit setting, that it is meant (docs/operations.md,
/// "Before the site goes live"):
/// <list type="bullet">
/// <item><c>AllowedHosts</c> of <c>*</c> (or none): any Host header is accepted, and the site copies it into
/// redirects, so a forged link could send a patient elsewhere. Meant: <c>Security:AllowAnyHost=true</c>, for a
/// reverse proxy in front that already refuses other host names.</item>
/// <item>No <c>Store:Password</c>: the database, and its backups, are readable by anyone with the disk. Meant:
/// <c>Store:AllowUnencrypted=true</c>, for a server whose whole disk is encrypted.</item>
/// <item><c>Store:Password</c> written in <c>appsettings*.json</c>: the key would sit in the site's folder, beside
/// the data it protects and in every copy of that folder. It belongs in an environment variable
/// (<c>Store__Password</c>) set from a secrets file outside the site's and the data's folders.</item>
/// </list>
/// </summary>
internal static class ProductionChecks
{
    public const string AllowAnyHost = "Security:AllowAnyHost";
    public const string AllowUnencrypted = "Store:AllowUnencrypted";
    private const string Password = "Store:Password";

    /// <summary>The first reason not to start, as one line for the console; null when there is none (or when not in
    /// Production).</summary>
    public static string? Refusal(IConfiguration config, IHostEnvironment env)
    {
        if (!env.IsProduction())
            return null;
        const string Start = "HistoryEngine: refusing to start in Production: ";
        if (AcceptsAnyHost(config["AllowedHosts"]) && !config.GetValue<bool>(AllowAnyHost))
            return Start + "AllowedHosts is \"*\" (or not set), so any Host header is accepted and copied into redirects. " +
                   "Set AllowedHosts to the site's host names (for example AllowedHosts=practice.example.nhs.uk), or set " +
                   $"{AllowAnyHost}=true if a reverse proxy in front already refuses other host names (docs/operations.md).";
        // Store:Password encrypts the LiteDB file; a PostgreSQL server's encryption at rest is the server's own.
        // (An unknown provider is not refused here: opening the store names the ones there are.)
        var provider = config[RecordStoreSetup.ProviderKey]?.Trim();
        var liteDb = string.IsNullOrEmpty(provider) || string.Equals(provider, nameof(StoreProvider.LiteDb), StringComparison.OrdinalIgnoreCase);
        if (liteDb && string.IsNullOrEmpty(config[Password]) && !config.GetValue<bool>(AllowUnencrypted))
            return Start + $"{Password} is not set, so the record store and its backups would not be encrypted. Set it " +
                   "(as the environment variable Store__Password, from a secrets file outside the site's and the data's " +
                   $"folders), or set {AllowUnencrypted}=true if the whole disk is encrypted (docs/operations.md).";
        if (FromSettingsFile(config, Password) is { } file)
            return Start + $"{Password} is written in {file}, in the site's folder, beside the data it protects. Remove it " +
                   "there and set the environment variable Store__Password instead, from a secrets file outside the site's " +
                   "and the data's folders (docs/operations.md).";
        return null;
    }

    private static bool AcceptsAnyHost(string? allowedHosts)
    {
        var hosts = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Length == 0 || hosts.Contains("*");
    }

    /// <summary>The appsettings file the value in force comes from, or null when it comes from elsewhere (the
    /// environment, the command line).</summary>
    private static string? FromSettingsFile(IConfiguration config, string key)
    {
        if (config is not IConfigurationRoot root)
            return null;
        var source = root.Providers.LastOrDefault(p => p.TryGet(key, out var value) && !string.IsNullOrEmpty(value));
        return source is JsonConfigurationProvider json ? json.Source.Path : null;
    }
}
