using HistoryEngine.Fhir.Tests.Corpus;

namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>SDC calculations in the project's own fixtures: variables, item weights, ordinals and the clock.</summary>
public sealed class CalculationTests
{
    private static Runtime.Session Run(string fixture, string answers, string now = "2026-03-01T09:00:00Z") =>
        TestFiles.Session(TestFiles.LoadFixture(fixture).Compiled!, answers, now);

    [Fact]
    [TwinOf(typeof(CorpusCalculationTests), nameof(CorpusCalculationTests.LformsPhq9_Total_IsTheSumOfOrdinals_AndEmptyUntilAnswered))]
    public void OrdinalTotal_IsTheSumOfOrdinals_AndEmptyUntilAnythingIsAnswered()
    {
        Assert.Null(Run("ordinal-total.json", "{}").GetAnswer("total"));
        // 1 + 3 + 2, the unanswered question counting 0 once another is answered.
        Assert.Equal(6m, Run("ordinal-total.json", """{"sleep": "some", "focus": "daily", "energy": "most"}""").GetAnswer("total"));
        Assert.Equal(0m, Run("ordinal-total.json", """{"appetite": "never"}""").GetAnswer("total"));
    }

    [Fact]
    [TwinOf(typeof(CorpusCalculationTests), nameof(CorpusCalculationTests.Apgar_Total_AppearsOnlyWhenAllFiveAreAnswered))]
    public void WeightedScore_Total_AppearsOnlyWhenAllFourAreAnswered()
    {
        const string three = """{"colour": "pink", "pulse": "fast", "tone": "some"}""";
        Assert.Null(Run("weighted-score.json", three).GetAnswer("total"));
        Assert.Equal(6m, Run("weighted-score.json", three.TrimEnd('}') + """, "cry": "weak"}""").GetAnswer("total"));
        Assert.Equal(0m, Run("weighted-score.json", """{"colour": "pale", "pulse": "none", "tone": "limp", "cry": "silent"}""").GetAnswer("total"));
    }

    [Theory]
    [TwinOf(typeof(CorpusCalculationTests), nameof(CorpusCalculationTests.AndroidAge_IsWholeYears_AtTheSessionClock))]
    [InlineData("2026-03-01T09:00:00Z", 25)]
    [InlineData("2026-06-14T09:00:00Z", 25)] // the day before the birthday
    [InlineData("2026-06-15T09:00:00Z", 26)] // the birthday
    [InlineData("2026-07-01T09:00:00Z", 26)]
    public void CalculatedAge_IsWholeYears_AtTheSessionClock(string now, int years)
    {
        Assert.Equal((decimal)years, Run("calculated-age.json", """{"dob": "2000-06-15"}""", now).GetAnswer("years"));
        Assert.Null(Run("calculated-age.json", "{}", now).GetAnswer("years"));
    }

    [Fact]
    [TwinOf(typeof(CorpusCalculationTests), nameof(CorpusCalculationTests.Framingham_Risk_IsWorkedOutFromTheAnswers))]
    public void RiskChain_IsWorkedOutThroughItsVariables()
    {
        const string man = """{"age": 55, "sex": "male", "smoker": "Y", "sbp": 140, "chol": 5.5, "hdl": 1.3}""";
        var session = Run("risk-chain.json", man);
        Assert.Equal(0.363m, session.GetAnswer("riskDecimal"));
        Assert.Equal("36.3%", session.GetAnswer("riskPercentage"));
        Assert.Equal(0.1733m, Run("risk-chain.json", """{"age": 55, "sex": "female", "smoker": "N", "sbp": 140, "chol": 5.5, "hdl": 1.3}""").GetAnswer("riskDecimal"));
        // One input missing: no risk, and no percentage made from nothing.
        var partial = Run("risk-chain.json", """{"age": 55, "sex": "male", "smoker": "Y", "sbp": 140, "chol": 5.5}""");
        Assert.Null(partial.GetAnswer("riskDecimal"));
        Assert.Null(partial.GetAnswer("riskPercentage"));
    }

    [Theory]
    [InlineData("""{"age": 29}""", true)]
    [InlineData("""{"age": 30}""", false)]
    [InlineData("""{"age": 79}""", false)]
    [InlineData("""{"age": 79.5}""", true)]
    [InlineData("{}", false)]
    public void RiskChain_AgeNote_ShowsOutsideTheModelsAges(string answers, bool shown) =>
        Assert.Equal(shown, Run("risk-chain.json", answers).IsEnabled("age-note"));
}
