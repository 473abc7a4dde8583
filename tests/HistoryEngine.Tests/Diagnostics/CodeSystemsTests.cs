using HistoryEngine.Definitions;

namespace HistoryEngine.Tests.Diagnostics;

/// <summary>
/// SNOMED CT's Verhoeff check digit and partition, and LOINC's mod 10 check digit, against real codes (from
/// clinical-facts.md) and the same codes with one digit changed or two swapped.
/// </summary>
public sealed class CodeSystemsTests
{
    // Every SNOMED CT id in the fact sheet: concepts, in the international (00) and UK extension (10) partitions.
    public static TheoryData<string> RealSnomedConcepts() =>
    [
        "413606001", "413605002", "1091811000000102", "75367002", "163020007", "72313002", "271649006", "271650006",
        "335661000000109", "1162737008", "1162735000", "314446007", "314461008", "163035008", "407554009", "407555005",
        "163034007", "400974009", "400975005", "163033001", "407556006", "407557002", "720433000", "445455005",
        "763256006", "443280005", "715252007", "138875005",
    ];

    [Theory]
    [MemberData(nameof(RealSnomedConcepts))]
    public void RealSnomedConcept_PassesItsCheckDigit_AndIsAConcept(string id)
    {
        Assert.True(CodeSystems.IsSnomedShape(id));
        Assert.True(CodeSystems.HasValidVerhoeff(id));
        Assert.Equal(CodeSystems.SnomedPartition.Concept, CodeSystems.PartitionOf(id, out _));
    }

    [Theory]
    [MemberData(nameof(RealSnomedConcepts))]
    public void RealSnomedConcept_WithAnyOneDigitChanged_FailsItsCheckDigit(string id)
    {
        for (var i = 0; i < id.Length; i++)
            for (var d = '0'; d <= '9'; d++)
            {
                if (d == id[i] || i == 0 && d == '0') continue;
                var altered = id[..i] + d + id[(i + 1)..];
                Assert.False(CodeSystems.HasValidVerhoeff(altered), $"{altered} (from {id}) passed");
            }
    }

    [Theory]
    [MemberData(nameof(RealSnomedConcepts))]
    public void RealSnomedConcept_WithTwoNeighbouringDigitsSwapped_FailsItsCheckDigit(string id)
    {
        for (var i = 1; i < id.Length; i++)
        {
            if (id[i] == id[i - 1]) continue;
            var swapped = id[..(i - 1)] + id[i] + id[i - 1] + id[(i + 1)..];
            Assert.False(CodeSystems.HasValidVerhoeff(swapped), $"{swapped} (from {id}) passed");
        }
    }

    [Theory]
    [InlineData("413606002")] // the last digit of 413606001 changed
    [InlineData("413606011")] // a digit before the partition changed
    [InlineData("1091811000000103")]
    public void AlteredSnomedId_FailsItsCheckDigit(string id) => Assert.False(CodeSystems.HasValidVerhoeff(id));

    [Theory]
    [InlineData("406507015", CodeSystems.SnomedPartition.Description, "01")] // a description of 271649006
    [InlineData("2159155011", CodeSystems.SnomedPartition.Description, "01")]
    [InlineData("413606001", CodeSystems.SnomedPartition.Concept, "00")]
    [InlineData("1091811000000102", CodeSystems.SnomedPartition.Concept, "10")]
    public void Partition_IsTheTwoDigitsBeforeTheCheckDigit(string id, CodeSystems.SnomedPartition kind, string partition)
    {
        Assert.True(CodeSystems.HasValidVerhoeff(id));
        Assert.Equal(kind, CodeSystems.PartitionOf(id, out var actual));
        Assert.Equal(partition, actual);
    }

    [Theory]
    [InlineData("12345")]                 // too short
    [InlineData("1234567890123456789")]   // too long
    [InlineData("0413606001")]            // a leading zero
    [InlineData("41360600l")]             // a letter
    [InlineData("44261-6")]
    public void NotSnomedShaped_IsRefused(string id) => Assert.False(CodeSystems.IsSnomedShape(id));

    [Theory]
    [InlineData("44261-6")] [InlineData("8480-6")] [InlineData("8462-4")] [InlineData("85354-9")] [InlineData("96607-7")]
    [InlineData("96608-5")] [InlineData("96609-3")] [InlineData("44249-1")] [InlineData("44260-8")] [InlineData("69737-5")]
    [InlineData("70274-6")] [InlineData("8459-0")] [InlineData("8453-3")] [InlineData("8460-8")] [InlineData("8454-1")]
    public void RealLoincCode_PassesItsCheckDigit(string code)
    {
        Assert.True(CodeSystems.IsLoincNumber(code));
        Assert.True(CodeSystems.HasValidLoincCheckDigit(code));
        // Any other check digit fails.
        for (var d = '0'; d <= '9'; d++)
            if (d != code[^1]) Assert.False(CodeSystems.HasValidLoincCheckDigit(code[..^1] + d), $"{code[..^1] + d} passed");
    }

    [Theory]
    [InlineData("44261-5")]   // check digit changed
    [InlineData("44271-6")]   // a digit of the number changed
    [InlineData("8408-6")]    // two digits of 8480-6 swapped
    [InlineData("8481-6")]
    public void AlteredLoincCode_FailsItsCheckDigit(string code) => Assert.False(CodeSystems.HasValidLoincCheckDigit(code));

    [Theory]
    [InlineData("44261")] [InlineData("44261-")] [InlineData("-6")] [InlineData("44261-66")] [InlineData("4426a-6")]
    [InlineData("12345678-9")] [InlineData("LA6568-5")]
    public void NotALoincNumber_IsRefused(string code) => Assert.False(CodeSystems.IsLoincNumber(code));

    [Theory]
    [InlineData("LA6568-5", true)] [InlineData("LA6571-9", true)] [InlineData("LP7753-9", true)] [InlineData("LL358-3", true)]
    [InlineData("LA6568", false)] [InlineData("la6568-5", false)] [InlineData("LX6568-5", false)] [InlineData("LA-5", false)]
    public void LoincAnswerAndPartCodes_AreRecognisedByShape(string code, bool expected) =>
        Assert.Equal(expected, CodeSystems.IsLoincOtherCode(code));
}
