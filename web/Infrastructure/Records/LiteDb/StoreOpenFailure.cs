using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

/// <summary>Turns the exception from opening the database file into one line a practice manager can act on.</summary>
internal static class StoreOpenFailure
{
    /// <summary>The reason in words, or null when the exception is not about the file (a bug: let it surface).</summary>
    public static string? Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UnauthorizedAccessException:
                    return "permission denied (the account running the site cannot read and write it)";
                case LiteException lite when lite.Message.Contains("not encrypted", StringComparison.OrdinalIgnoreCase):
                    return "Store:Password is set but the file is not encrypted; a store cannot be given a password by " +
                           "setting one (see \"Encrypt an existing store\" in docs/operations.md)";
                case LiteException lite when lite.Message.Contains("password", StringComparison.OrdinalIgnoreCase):
                    return "the password (Store:Password) is wrong, or the file is encrypted and no password was given";
                case LiteException lite:
                    return $"it is not a usable LiteDB database ({FirstLine(lite.Message)})";
                case IOException io:
                    return FirstLine(io.Message);
            }
        }
        return null;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd('.');
}
