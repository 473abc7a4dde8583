namespace HistoryEngine.Tests.Expressions;

/// <summary>Print the parse back: each expression is bound and printed fully parenthesised, so precedence shows.</summary>
public class ExpressionPrintTests
{
    [Theory]
    [InlineData("a || b && c", "(a || (b && c))")]
    [InlineData("a && b || c", "((a && b) || c)")]
    [InlineData("a || b || c", "((a || b) || c)")]
    [InlineData("!a && b", "(!a && b)")]
    [InlineData("!(a && b)", "!(a && b)")]
    [InlineData("n + m * 2", "(n + (m * 2))")]
    [InlineData("(n + m) * 2", "((n + m) * 2)")]
    [InlineData("n - m - 1", "((n - m) - 1)")]
    [InlineData("n / m % 3", "((n / m) % 3)")]
    [InlineData("-n + 1", "(-n + 1)")]
    [InlineData("n >= 1 && n <= 5", "((n >= 1) && (n <= 5))")]
    [InlineData("n + 1 > m * 2", "((n + 1) > (m * 2))")]
    [InlineData("n ?? 0", "(n ?? 0)")]
    [InlineData("(n ?? 0) + 1", "((n ?? 0) + 1)")]
    [InlineData("a ? n : m", "(a ? n : m)")]
    [InlineData("colour == 'red' || b", "((colour == 'red') || b)")]
    [InlineData("t + 'x'", "(t + 'x')")]
    [InlineData("count(readings, systolic >= 180 || diastolic >= 120)", "count(readings, ((systolic >= 180) || (diastolic >= 120)))")]
    [InlineData("round(avg(readings, systolic), 1)", "round(avg(readings, systolic), 1)")]
    [InlineData("count(readings)", "count(readings)")]
    [InlineData("contains_any(symptoms, 'cough', 'fever') && !a", "(contains_any(symptoms, 'cough', 'fever') && !a)")]
    [InlineData("days_between(born, today()) > 30", "(days_between(born, today()) > 30)")]
    public void Expression_PrintsBackWithItsPrecedence(string expression, string printed) =>
        Assert.Equal(printed, ExpressionFixture.Print(expression));

    [Fact]
    public void Print_IsStable_WhenItsOutputIsParsedAgain()
    {
        const string expression = "a || b && !c || n + m * 2 > 3";
        var once = ExpressionFixture.Print(expression);
        Assert.Equal(once, ExpressionFixture.Print(once));
    }
}
