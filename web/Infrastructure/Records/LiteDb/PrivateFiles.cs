using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

/// <summary>
/// The store's files hold patients' health data, so only the account running the site may read them. On Linux and
/// macOS the site makes every file and folder owner-only from the start (umask 077: LiteDB creates its log file
/// whenever it likes, a backup is written by the site or by the command), creates the store's folder 0700, and sets
/// the store's own files to 0600 when it opens them, so a file left readable by an earlier version is closed too. A
/// folder that already existed keeps its permissions (it may be shared, /tmp say). On Windows nothing is changed here:
/// the folder's access control list decides.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [UnsupportedOSPlatformGuard("windows")]
    private static bool IsUnix => !OperatingSystem.IsWindows();

    /// <summary>From now on this process creates files 0600 and folders 0700 (whatever umask it was started with).</summary>
    public static void RestrictNewFiles()
    {
        if (IsUnix)
            _ = SetUmask(0b000_111_111); // 077: nothing for group and others
    }

    /// <summary>Creates a folder (and any missing parents) owner-only; a folder that exists is left as it is.</summary>
    public static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
            return;
        if (IsUnix)
            Directory.CreateDirectory(folder, FolderMode);
        else
            Directory.CreateDirectory(folder);
    }

    /// <summary>Makes an existing file owner-only (0600); a missing one is fine.</summary>
    public static void Restrict(string file)
    {
        if (IsUnix && File.Exists(file))
            File.SetUnixFileMode(file, FileMode);
    }

    /// <summary>Options for a new file that is owner-only from its first byte.</summary>
    public static FileStreamOptions NewFile()
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (IsUnix)
            options.UnixCreateMode = FileMode;
        return options;
    }

    // mode_t is 32 bits on Linux and 16 on macOS; both pass the low bits in the same register.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}
