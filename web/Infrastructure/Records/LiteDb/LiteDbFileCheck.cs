using System.Text;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

/// <summary>
/// Looks at an existing file before LiteDB opens it, because LiteDB quietly re-initialises a short file it does not
/// recognise, which would destroy whatever Store:Path pointed at by mistake.
/// </summary>
internal static class LiteDbFileCheck
{
    private const int PageSize = 8192;
    private const int HeaderInfoOffset = 32;
    private static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    // LiteDB 5 marks an encrypted file with 1 in its first byte (the rest of the page is then unreadable without the key).
    private const byte EncryptedMarker = 1;

    /// <summary>Throws <see cref="IOException"/> when <paramref name="path"/> exists, is not empty and is plainly not a
    /// LiteDB 5 file; a missing or empty file is fine (LiteDB creates the database).</summary>
    public static void EnsureLooksLikeLiteDb(string path)
    {
        if (!File.Exists(path))
            return;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0)
            return;
        var start = new byte[HeaderInfoOffset + HeaderInfo.Length];
        var read = file.Length < PageSize ? 0 : file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (read < start.Length)
            throw new IOException("it is not a LiteDB database (the file is too short), so it was left untouched");
        if (start[0] != EncryptedMarker && !start.AsSpan(HeaderInfoOffset).SequenceEqual(HeaderInfo))
            throw new IOException("it is not a LiteDB database (its header is wrong), so it was left untouched");
    }
}
