namespace HistoryEngine.Testing;

/// <summary>
/// Settings every site the tests start must have, set before the first host is built. Each host would watch its
/// configuration files with inotify, and Linux allows a user 128 inotify instances, after which a host fails to
/// start. Tests never edit those files, so nothing needs watching. <see cref="TestSite"/> applies them; a harness
/// of another kind (the browser tests' real-socket site) calls <see cref="Apply"/> itself.
/// </summary>
public static class TestHostSettings
{
    public static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
