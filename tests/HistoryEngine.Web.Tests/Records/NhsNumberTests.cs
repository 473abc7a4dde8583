using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>Issue 15 point 4: NHS numbers are checked with the modulus 11 check digit and shown 3-3-4.</summary>
public class NhsNumberTests
{
    [Theory]
    [InlineData("9990000018", "999 000 0018")]
    [InlineData("999 000 0026", "999 000 0026")]
    [InlineData(" 999-000-0034 ", "999 000 0034")]
    [InlineData("9990000050", "999 000 0050")] // remainder 0: 11 - 0 = 11, read as check digit 0
    public void Parse_AValidNumber_KeepsItsDigits_AndShowsIt334(string typed, string shown)
    {
        var nhs = NhsNumber.Parse(typed, out var error);

        Assert.Null(error);
        Assert.Equal(shown, nhs!.Value.ToString());
        Assert.Equal(shown.Replace(" ", ""), nhs.Value.Digits);
    }

    [Theory]
    [InlineData("9990000019", NhsNumber.CheckError)] // one more than the right check digit
    [InlineData("9990000017", NhsNumber.CheckError)] // one less
    [InlineData("999000001", NhsNumber.LengthError)] // nine digits
    [InlineData("99900000180", NhsNumber.LengthError)] // eleven
    [InlineData("", NhsNumber.LengthError)]
    [InlineData("999 000 001B", NhsNumber.CharactersError)]
    [InlineData("９９９０００００１８", NhsNumber.CharactersError)] // full-width digits are not ASCII digits
    [InlineData("<b>9990000018</b>", NhsNumber.CharactersError)]
    public void Parse_AnInvalidNumber_SaysWhy(string typed, string message)
    {
        Assert.Null(NhsNumber.Parse(typed, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void ANumberWhoseCheckWouldBe10_IsNeverValid()
    {
        // 100 000 001x: 1 x 10 + 1 x 2 = 12, remainder 1, and 11 - 1 = 10: no digit can check it.
        Assert.Equal(-1, NhsNumber.CheckDigit("100000001"));
        Assert.All(Enumerable.Range(0, 10), d => Assert.False(NhsNumber.IsValid($"100000001{d}")));
        Assert.Equal(1, NhsNumber.CheckDigit("100000000"));
    }

    [Fact]
    public void Show_AStoredNumberThatIsNotValid_ShowsItAsKept_SoNothingIsHidden()
    {
        Assert.Equal("999 000 0018", NhsNumber.Show("9990000018"));
        Assert.Equal("943 476 5919", NhsNumber.Show("943 476 5919"));
        Assert.Equal("", NhsNumber.Show(null));
    }
}
