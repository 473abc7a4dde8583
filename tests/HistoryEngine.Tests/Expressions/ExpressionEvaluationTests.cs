namespace HistoryEngine.Tests.Expressions;

/// <summary>Operators and their unknown (unanswered) semantics: Kleene logic, unknown arithmetic, ?? and ? :.</summary>
public class ExpressionEvaluationTests
{
    private static object? Eval(string expression, string answers = "{}") => ExpressionFixture.Eval(expression, answers);

    [Theory]
    [InlineData("a && b", """{"a": false}""", false)]
    [InlineData("a && b", """{"b": false}""", false)]
    [InlineData("a && b", """{"a": true}""", null)]
    [InlineData("a && b", """{"a": true, "b": true}""", true)]
    [InlineData("a || b", """{"a": true}""", true)]
    [InlineData("a || b", """{"b": true}""", true)]
    [InlineData("a || b", """{"a": false}""", null)]
    [InlineData("a || b", """{"a": false, "b": false}""", false)]
    [InlineData("!a", "{}", null)]
    [InlineData("!a", """{"a": false}""", true)]
    [InlineData("a && b || c", """{"c": true}""", true)]
    public void Logic_WithUnansweredOperands_FollowsKleene(string expression, string answers, bool? expected) =>
        Assert.Equal(expected, Eval(expression, answers));

    [Theory]
    [InlineData("n + m", """{"n": 3}""")]
    [InlineData("n * 2", "{}")]
    [InlineData("-n", "{}")]
    [InlineData("n > 3", "{}")]
    [InlineData("n == m", """{"m": 1}""")]
    [InlineData("n / m", """{"n": 1, "m": 0}""")]
    [InlineData("n % m", """{"n": 1, "m": 0}""")]
    [InlineData("t + 'x'", "{}")]
    public void Operator_WithAnUnknownOperand_IsUnknown(string expression, string answers) =>
        Assert.Null(Eval(expression, answers));

    [Theory]
    [InlineData("n + m * 2", """{"n": 1, "m": 3}""", 7)]
    [InlineData("n - m", """{"n": 1, "m": 3}""", -2)]
    [InlineData("n / m", """{"n": 7, "m": 2}""", 3.5)]
    [InlineData("n % m", """{"n": 7, "m": 3}""", 1)]
    [InlineData("d * 2", """{"d": 1.25}""", 2.5)]
    [InlineData("-n", """{"n": 4}""", -4)]
    public void Arithmetic_OnAnsweredNumbers_Computes(string expression, string answers, double expected) =>
        Assert.Equal((decimal)expected, Eval(expression, answers));

    [Theory]
    [InlineData("n ?? 0", "{}", 0)]
    [InlineData("n ?? 0", """{"n": 5}""", 5)]
    [InlineData("n ?? m ?? 9", """{"m": 2}""", 2)]
    [InlineData("n ?? m ?? 9", "{}", 9)]
    [InlineData("(n ?? 0) + (m ?? 0)", """{"m": 2}""", 2)]
    public void Coalesce_GivesTheFirstKnownValue(string expression, string answers, int expected) =>
        Assert.Equal((decimal)expected, Eval(expression, answers));

    [Theory]
    [InlineData("""{"a": true}""", 1)]
    [InlineData("""{"a": false}""", 2)]
    [InlineData("{}", null)]
    public void Conditional_ChoosesByItsCondition_AndIsUnknownWhenTheConditionIs(string answers, int? expected) =>
        Assert.Equal(expected is null ? null : (decimal)expected, Eval("a ? 1 : 2", answers));

    [Fact]
    public void Conditional_OnlyEvaluatesTheChosenBranch() =>
        Assert.Equal(1m, Eval("a ? 1 : n / 0", """{"a": true}"""));

    [Theory]
    [InlineData("colour == 'red'", """{"colour": "red"}""", true)]
    [InlineData("colour != 'red'", """{"colour": "blue"}""", true)]
    [InlineData("colour == 'red'", "{}", null)]
    [InlineData("t == 'yes'", """{"t": "yes"}""", true)]
    [InlineData("born < date(seen_at)", """{"born": "2000-01-01", "seen_at": "2026-03-01T10:00"}""", true)]
    [InlineData("seen_at >= seen_at", """{"seen_at": "2026-03-01T10:00"}""", true)]
    [InlineData("a == b", """{"a": true, "b": true}""", true)]
    public void Comparison_OfAnsweredValues_Works(string expression, string answers, bool? expected) =>
        Assert.Equal(expected, Eval(expression, answers));

    [Fact]
    public void Text_Concatenation_JoinsText() =>
        Assert.Equal("ab", Eval("t + 'b'", """{"t": "a"}"""));

    [Fact]
    public void Arithmetic_Overflow_IsUnknownNotACrash() =>
        Assert.Null(Eval("d * d * d", """{"d": 79228162514264337593543950}"""));

    // A written option code beside a choice is that code, not text: comparing with it means what it says
    // ('red' is the code of "Red"); other text stays text, for the narrative.
    [Theory]
    [InlineData("(colour ?? 'red') != 'red'", """{"colour": "red"}""", false)]
    [InlineData("(colour ?? 'red') != 'red'", "{}", false)]
    [InlineData("(colour ?? 'red') == 'green'", """{"colour": "green"}""", true)]
    [InlineData("(n > 1 ? colour : 'red') == 'red'", """{"n": 2, "colour": "red"}""", true)]
    public void AChoiceBesideOneOfItsCodes_KeepsItsCode(string expression, string answers, bool expected) =>
        Assert.Equal(expected, Eval(expression, answers));

    [Fact]
    public void AChoiceBesideOtherText_BecomesItsDisplay() =>
        Assert.Equal("Red", Eval("colour ?? 'not answered'", """{"colour": "red"}"""));
}
