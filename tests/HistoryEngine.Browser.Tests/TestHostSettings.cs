using System.Runtime.CompilerServices;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// Settings every site these tests start must have, set before the first host is built. The suite starts well over
/// a hundred hosts; each would watch its configuration files with inotify, and Linux allows a user 128 inotify
/// instances, after which a host fails to start. Tests never edit those files, so nothing needs watching.
/// </summary>
internal static class TestHostSettings
{
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
