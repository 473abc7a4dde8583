using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>Times and months as people write them (issue 15 point 9).</summary>
public sealed class AnswerInputTests
{
    [Theory]
    [InlineData("19:45", "19:45")]
    [InlineData("07.30", "07:30")]
    [InlineData("0730", "07:30")]
    [InlineData("7:30am", "07:30")]
    [InlineData("7.30am", "07:30")]
    [InlineData("7.30 PM", "19:30")]
    [InlineData("7 a.m.", "07:00")]
    [InlineData("12pm", "12:00")]
    [InlineData("12am", "00:00")]
    [InlineData("12:15am", "00:15")]
    [InlineData("noon", "12:00")]
    [InlineData("midnight", "00:00")]
    public void ATime_AsPeopleWriteIt_IsRead(string typed, string expected) =>
        Assert.Equal(TimeOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AnswerInputs.Time(typed));

    [Theory]
    [InlineData("7")]       // morning or evening?
    [InlineData("24:00")]
    [InlineData("13pm")]
    [InlineData("0am")]
    [InlineData("7:60")]
    [InlineData("seven")]
    [InlineData("")]
    public void ATime_ThatIsNotReal_IsNot(string typed) => Assert.Null(AnswerInputs.Time(typed));

    [Theory]
    [InlineData("3", 3)]
    [InlineData("03", 3)]
    [InlineData("March", 3)]
    [InlineData("mar", 3)]
    [InlineData("Sept", 9)]
    [InlineData("sep.", 9)]
    [InlineData("DECEMBER", 12)]
    [InlineData("13", null)]
    [InlineData("ma", null)]
    [InlineData("Marhc", null)]
    public void AMonth_InNumbersOrWords(string typed, int? expected) => Assert.Equal(expected, AnswerInputs.Month(typed));
}
