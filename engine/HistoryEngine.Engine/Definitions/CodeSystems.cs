namespace HistoryEngine.Definitions;

/// <summary>
/// The code systems whose identifiers the engine can check without a terminology server: SNOMED CT (Verhoeff check
/// digit and partition identifier) and LOINC (mod 10 check digit). A check digit catches a mistyped or transposed
/// digit; it cannot tell that a well-formed code means what its display says. Thread-safe.
/// </summary>
public static class CodeSystems
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Loinc = "http://loinc.org";

    /// <summary>What a SNOMED CT partition identifier (the two digits before the check digit) identifies.</summary>
    public enum SnomedPartition { Concept, Description, Relationship, Other }

    /// <summary>True for 6 to 18 digits with no leading zero: the shape of every SNOMED CT identifier.</summary>
    public static bool IsSnomedShape(string id) =>
        id.Length is >= 6 and <= 18 && id[0] != '0' && id.All(char.IsAsciiDigit);

    /// <summary>True when the id's last digit is its Verhoeff check digit. The id must have the SNOMED CT shape.</summary>
    public static bool HasValidVerhoeff(string id)
    {
        var c = 0;
        for (var i = 0; i < id.Length; i++)
            c = VerhoeffD[c, VerhoeffP[i % 8, id[id.Length - 1 - i] - '0']];
        return c == 0;
    }

    /// <summary>The partition of a SNOMED CT id: 00 and 10 (with a namespace) concepts, 01 and 11 descriptions, 02 and 12 relationships.</summary>
    public static SnomedPartition PartitionOf(string id, out string partition)
    {
        partition = id[^3..^1];
        return partition switch
        {
            "00" or "10" => SnomedPartition.Concept,
            "01" or "11" => SnomedPartition.Description,
            "02" or "12" => SnomedPartition.Relationship,
            _ => SnomedPartition.Other,
        };
    }

    /// <summary>A LOINC term code: the LOINC number, a hyphen, its check digit (8480-6).</summary>
    public static bool IsLoincNumber(string code) => SplitLoinc(code) is not null;

    /// <summary>A LOINC answer, part, group or answer-list code (LA6568-5, LP..., LG..., LL...).</summary>
    public static bool IsLoincOtherCode(string code) =>
        code.Length > 2 && code[0] == 'L' && code[1] is 'A' or 'P' or 'G' or 'L' && SplitLoinc(code[2..]) is not null;

    /// <summary>
    /// True when a LOINC number's check digit is right. The LOINC Users' Guide's mod 10: from the right, every other
    /// digit (the first, third, ...) is doubled, the digits of the results and the others are summed, and the check
    /// digit takes the sum to the next multiple of ten.
    /// </summary>
    public static bool HasValidLoincCheckDigit(string code)
    {
        if (SplitLoinc(code) is not var (number, check)) return false;
        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var digit = number[number.Length - 1 - i] - '0';
            if (i % 2 == 0) digit *= 2;
            sum += digit / 10 + digit % 10;
        }
        return (10 - sum % 10) % 10 == check;
    }

    /// <summary>Digits, a hyphen and one check digit; the number at most 7 digits (LOINC numbers have 3 to 6 today).</summary>
    private static (string Number, int Check)? SplitLoinc(string code)
    {
        var hyphen = code.IndexOf('-');
        if (hyphen < 1 || hyphen > 7 || hyphen != code.Length - 2) return null;
        var number = code[..hyphen];
        var check = code[^1];
        if (!number.All(char.IsAsciiDigit) || !char.IsAsciiDigit(check)) return null;
        return (number, check - '0');
    }

    // Verhoeff's tables: multiplication in the dihedral group D5, and the position permutations (the first row
    // applied i times for position i).
    private static readonly int[,] VerhoeffD =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
        { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
        { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
        { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 },
        { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 },
        { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
        { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] VerhoeffP =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
        { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 },
        { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 },
        { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 },
        { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 },
        { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };
}
