namespace HistoryEngine.Definitions;

/// <summary>
/// Where the loader reads files from: the disk, or (for an archived version of a questionnaire) a set of files
/// kept in memory. Paths are as the caller wrote them.
/// </summary>
public interface IQuestionnaireFiles
{
    /// <summary>The file's size in bytes, or null when there is no such file.</summary>
    long? Length(string path);
    bool IsFolder(string path);
    string ReadAllText(string path);
}

/// <summary>Files on disk.</summary>
public sealed class DiskFiles : IQuestionnaireFiles
{
    public static readonly DiskFiles Instance = new();

    public long? Length(string path) => File.Exists(path) ? new FileInfo(path).Length : null;
    public bool IsFolder(string path) => Directory.Exists(path);
    public string ReadAllText(string path) => File.ReadAllText(path);
}

/// <summary>Files kept in memory, keyed by path; paths are compared after normalising separators and '..'.</summary>
public sealed class MemoryFiles(IEnumerable<KeyValuePair<string, string>> files) : IQuestionnaireFiles
{
    private readonly Dictionary<string, string> _files = files.ToDictionary(p => Normalise(p.Key), p => p.Value, StringComparer.Ordinal);

    private static string Normalise(string path) => Path.GetFullPath(Path.Combine("/archive", path.Replace('\\', '/')));

    public long? Length(string path) => _files.TryGetValue(Normalise(path), out var text) ? System.Text.Encoding.UTF8.GetByteCount(text) : null;
    public bool IsFolder(string path) => false;
    public string ReadAllText(string path) => _files[Normalise(path)];
}
