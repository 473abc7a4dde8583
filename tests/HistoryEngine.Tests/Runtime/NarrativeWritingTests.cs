using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// The narrative reads as a GP would write it: option text in lower case mid-sentence (abbreviations kept), and an
/// answer that ends its own sentence does not double the template's full stop.
/// </summary>
public sealed class NarrativeWritingTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: writing
        version: 1.0.0
        items:
          - id: how_often
            type: choice
            options:
              - {code: several, display: Several days}
              - {code: copd, display: COPD symptoms}
              - {code: i, display: I do not know}
          - id: feels
            type: multiple_choice
            options:
              - {code: aching, display: Aching}
              - {code: sharp, display: Sharp or stabbing}
              - {code: hiv, display: HIV worry}
          - {id: comments, type: text}
        narrative: "Often: {{ lower(how_often) }}; feels {{ lower(feels) }}; said {{ lower(comments) }}. Comments: {{ comments }}."
        """);

    private static string Summary(string answers) => Questionnaires.Start(Q, answers).Result().Summary;

    [Fact]
    public void Lower_PutsOptionsInLowerCase_KeepingAbbreviationsAndI()
    {
        Assert.Equal("Often: several days; feels aching, sharp or stabbing, HIV worry; said fine. Comments: Fine.",
            Summary("""{"how_often": "several", "feels": ["aching", "sharp", "hiv"], "comments": "Fine"}"""));
        Assert.StartsWith("Often: COPD symptoms;", Summary("""{"how_often": "copd"}"""));
        Assert.StartsWith("Often: I do not know;", Summary("""{"how_often": "i"}"""));
    }

    [Theory]
    [InlineData("Fine.", "Comments: Fine.")]        // the answer's own full stop is kept, not doubled
    [InlineData("Is it serious?", "Comments: Is it serious?")]
    [InlineData("Well...", "Comments: Well...")]    // an ellipsis is left alone
    [InlineData("Fine", "Comments: Fine.")]
    public void AnAnswerEndingItsOwnSentence_DoesNotDoubleTheFullStop(string comments, string ends) =>
        Assert.EndsWith(ends, Summary($$"""{"comments": "{{comments}}"}"""));
}
