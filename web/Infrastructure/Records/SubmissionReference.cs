using System.Security.Cryptography;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>
/// Short references a patient can read out on the phone, such as "HE-7K3Q-92XD". The alphabet leaves out 0/O, 1/I/L
/// and U so that nothing is misheard or misread; 8 characters from 30 give about 6.6 × 10^11 values.
/// </summary>
public static class SubmissionReference
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new random reference (random, so that one patient's reference says nothing about another's).</summary>
    public static string Create()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"HE-{chars[..4]}-{chars[4..]}";
    }

    /// <summary>The canonical form of a reference a person typed: trimmed, upper case.</summary>
    public static string Normalise(string reference) => reference.Trim().ToUpperInvariant();
}
