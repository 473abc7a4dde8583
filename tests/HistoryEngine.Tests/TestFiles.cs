namespace HistoryEngine.Tests;

/// <summary>Where test inputs live: golden files beside the test binaries, their sources in the project folder, scratch files in a temp folder.</summary>
internal static class TestFiles
{
    /// <summary>The golden files copied beside the test assembly.</summary>
    public static string GoldenOutput(string folder) => Path.Combine(AppContext.BaseDirectory, "Golden", folder);

    /// <summary>The golden files in the project folder, which HE_UPDATE_GOLDEN=1 rewrites.</summary>
    public static string GoldenSource(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HistoryEngine.Tests.csproj")))
                return Path.Combine(dir.FullName, "Golden", folder);
        throw new InvalidOperationException("cannot find the test project folder from " + AppContext.BaseDirectory);
    }

    /// <summary>The repository's root folder (where HistoryEngine.sln is), for tests that read the shipped files and docs.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HistoryEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository from " + AppContext.BaseDirectory);
    }

    public static bool UpdateGolden => Environment.GetEnvironmentVariable("HE_UPDATE_GOLDEN") == "1";
}

/// <summary>A folder of scratch files that is deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "he-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file (folders created as needed) and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
