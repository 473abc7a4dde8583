namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>
/// An NHS number that passed the modulus 11 check: ten digits, the last a check digit over the first nine (weights 10
/// down to 2; 11 minus the remainder, 11 read as 0, 10 never valid). Kept as its ten digits and shown 3-3-4
/// ("943 476 5919" style), the way NHS.UK shows it. The one place the site reads, checks and formats NHS numbers.
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Digits = digits;

    /// <summary>The ten digits, with no spaces: what the store keeps.</summary>
    public string Digits { get; }

    /// <summary>3-3-4, with spaces.</summary>
    public override string ToString() => Digits is null ? "" : $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";

    /// <summary>The message for a field that is not a valid NHS number, in the NHS.UK error message style.</summary>
    public const string LengthError = "NHS number must be 10 numbers";
    public const string CharactersError = "NHS number must only include numbers and spaces";
    public const string CheckError = "Enter a valid NHS number: check you have copied all 10 numbers correctly";

    /// <summary>Reads what someone typed: digits with spaces or hyphens between them. Null and a message when it is
    /// not a valid NHS number.</summary>
    public static NhsNumber? Parse(string? text, out string? error)
    {
        error = null;
        var compact = new string([.. (text ?? "").Where(c => c is not (' ' or '-' or '\t'))]);
        if (compact.Any(c => !char.IsAsciiDigit(c)))
        {
            error = CharactersError;
            return null;
        }
        if (compact.Length != 10)
        {
            error = LengthError;
            return null;
        }
        if (CheckDigit(compact) != compact[9] - '0')
        {
            error = CheckError;
            return null;
        }
        return new NhsNumber(compact);
    }

    /// <summary>True when <paramref name="text"/> is a valid NHS number.</summary>
    public static bool IsValid(string? text) => Parse(text, out _) is not null;

    /// <summary>How an NHS number kept in the store is shown: 3-3-4 when it is valid; as kept otherwise (a number
    /// stored before numbers were checked), so nothing is hidden.</summary>
    public static string Show(string? stored) => Parse(stored, out _) is { } valid ? valid.ToString() : stored ?? "";

    /// <summary>The check digit for the first nine digits, or -1 when none is possible (a remainder giving 10).</summary>
    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
            sum += (digits[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        return check switch { 11 => 0, 10 => -1, _ => check };
    }
}
