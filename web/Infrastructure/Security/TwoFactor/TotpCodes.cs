using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace HistoryEngine.Web.Infrastructure.Security.TwoFactor;

/// <summary>
/// Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app expects),
/// read against the site's clock. A code is accepted one step either side of now, for a phone whose clock is a
/// little out; the store then refuses the same step twice, so an overheard code cannot be replayed.
/// </summary>
public sealed class TotpCodes(TimeProvider clock)
{
    /// <summary>The name the authenticator app shows beside the code.</summary>
    public const string Issuer = "HistoryEngine";

    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    /// <summary>A new random secret (160 bits, as RFC 4226 recommends), in Base32.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The code for <paramref name="secret"/> at the clock's time (for tests and the demo printout).</summary>
    public string Now(string secret) => Totp(secret).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    /// <summary>The time step a code belongs to, when it is right within the window; otherwise null.</summary>
    public long? Match(string secret, string? code)
    {
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
            return null;
        return Totp(secret).VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, Window) ? step : null;
    }

    /// <summary>The secret grouped in fours, as a person types it into an app without a camera.</summary>
    public static string ForReading(string secret) => string.Join(' ', secret.Chunk(4).Select(c => new string(c)));

    /// <summary>The otpauth URI an authenticator app reads (from a QR code or pasted).</summary>
    public static string Uri(string secret, string accountName) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(accountName)}" +
        $"?secret={secret}&issuer={System.Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    private static Totp Totp(string secret) => new(Base32Encoding.ToBytes(secret), step: 30, mode: OtpHashMode.Sha1, totpSize: 6);
}

/// <summary>
/// One-use recovery codes for a lost phone: ten of them, shown once at enrolment, kept only as SHA-256 hashes.
/// Each has about 49 random bits, so a fast hash is enough (nobody can try 2^49 guesses through a throttled sign-in).
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i to misread

    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => $"{Random(5)}-{Random(5)}")];

    /// <summary>The stored form of a code, ignoring case, spaces and the dash.</summary>
    public static string Hash(string code)
    {
        var normal = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("he-recovery:" + normal)));
    }

    private static string Random(int length) =>
        new(Enumerable.Range(0, length).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray());
}
