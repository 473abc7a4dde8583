using System.Security.Cryptography;
using System.Text;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// The secret in a one-time account link: 32 random bytes, base64url. Only its SHA-256 hash is stored, so a copy of the
/// store holds no usable link. How long each kind of link lasts is a local decision: an invitation long enough for a
/// patient to get round to it (7 days), a reset short because it replaces a password that works (24 hours).
/// </summary>
public static class AccountLinkTokens
{
    /// <summary>Audit actions: a link used to set a password, and a use refused (unknown, used, cancelled or expired).</summary>
    public const string UsedAction = "account-link.used";
    public const string RefusedAction = "account-link.refused";

    public static readonly TimeSpan InvitationLasts = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLasts = TimeSpan.FromHours(24);

    public static TimeSpan Lifetime(AccountLinkPurpose purpose) =>
        purpose == AccountLinkPurpose.Invitation ? InvitationLasts : ResetLasts;

    /// <summary>A new token, and the hash the store keeps for it.</summary>
    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The hash of a token as typed or followed (anything, however long: it is only hashed).</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The page a link opens.</summary>
    public static string Path(string token) => "/Account/SetPassword/" + token;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A link just issued: the token (shown once, never stored) and what the store keeps.</summary>
public sealed record IssuedLink(string Token, AccountLink Link);
