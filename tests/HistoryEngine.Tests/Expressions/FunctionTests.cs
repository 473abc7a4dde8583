namespace HistoryEngine.Tests.Expressions;

/// <summary>Every built-in function in Functions.cs, with answered and unanswered arguments.</summary>
public class FunctionTests
{
    private const string Readings = """
        {"readings": [
          {"systolic": 150, "diastolic": 90, "taken": "2026-03-01T07:30"},
          {"systolic": 190, "diastolic": 100, "taken": "2026-03-02T07:30"},
          {"diastolic": 80, "taken": "2026-03-03T07:30"},
          {"systolic": 130, "diastolic": 125, "taken": "2026-03-04T07:30"}
        ]}
        """;

    private const string Unanswered = """{"readings": [{"diastolic": 80}, {}]}""";

    private static object? Eval(string expression, string answers = "{}", DateTimeOffset? now = null) =>
        ExpressionFixture.Eval(expression, answers, now);

    [Theory]
    [InlineData("count(readings)", 4)]
    [InlineData("count(readings, systolic >= 140)", 2)]
    [InlineData("count(readings, systolic < 140)", 1)]
    [InlineData("count(readings, systolic >= 180 || diastolic >= 120)", 2)]
    [InlineData("sum(readings, systolic)", 470)]
    [InlineData("min(readings, systolic)", 130)]
    [InlineData("max(readings, systolic)", 190)]
    [InlineData("round(avg(readings, systolic), 2)", 156.67)]
    [InlineData("avg(readings, diastolic)", 98.75)]
    [InlineData("count(filter(readings, diastolic >= 100))", 2)]
    [InlineData("sum(filter(readings, diastolic >= 100), systolic)", 320)]
    public void Aggregate_OverARepeatingGroup_SkipsUnansweredValues(string expression, double expected) =>
        Assert.Equal((decimal)expected, Eval(expression, Readings));

    [Theory]
    [InlineData("sum(readings, systolic)")]
    [InlineData("avg(readings, systolic)")]
    [InlineData("min(readings, systolic)")]
    [InlineData("max(readings, systolic)")]
    public void Aggregate_WithNoAnsweredValue_IsNullNotZero(string expression)
    {
        Assert.Null(Eval(expression, Unanswered));
        Assert.Null(Eval(expression, "{}"));
    }

    [Fact]
    public void Count_OfAnEmptyOrUnansweredGroup_IsZero()
    {
        Assert.Equal(0m, Eval("count(readings)"));
        Assert.Equal(0m, Eval("count(readings, systolic > 1)", Unanswered));
        Assert.Equal(2m, Eval("count(readings)", Unanswered));
    }

    [Theory]
    [InlineData("any(readings, systolic >= 180)", true)]
    [InlineData("any(readings, diastolic >= 200)", false)]
    [InlineData("all(readings, diastolic >= 80)", true)]
    [InlineData("all(readings, diastolic >= 90)", false)]
    public void AnyAndAll_TestEachInstance(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression, Readings));

    [Theory]
    [InlineData("any(readings, systolic >= 200)")]   // one reading has no top number: it might have been 200
    [InlineData("all(readings, systolic >= 100)")]   // ... or 90
    public void AnyAndAll_WithAnUnknownInstance_AreUnknown_UnlessAnotherInstanceDecides(string expression)
    {
        Assert.Null(Eval(expression, Readings));
        Assert.Equal(true, Eval("any(readings, systolic >= 180)", Readings));
        Assert.Equal(false, Eval("all(readings, systolic >= 140)", Readings));
    }

    [Fact]
    public void AnyAndAll_OfAnEmptyGroup_AreFalseAndTrue()
    {
        Assert.Equal(false, Eval("any(readings, systolic > 0)"));
        Assert.Equal(true, Eval("all(readings, systolic > 0)"));
    }

    [Fact]
    public void MinAndMax_OverDates_GiveTheEarliestAndLatest()
    {
        Assert.Equal("2026-03-01", Eval("min(readings, date(taken))", Readings));
        Assert.Equal("2026-03-04T07:30:00", Eval("max(readings, taken)", Readings));
    }

    [Theory]
    [InlineData("sum(n, m)", """{"n": 2, "m": 3}""", 5)]
    [InlineData("avg(n, m)", """{"n": 2, "m": 3}""", 2.5)]
    [InlineData("min(n, m, 1)", """{"n": 2, "m": 3}""", 1)]
    [InlineData("max(n, m)", """{"n": 2, "m": 3}""", 3)]
    public void ScalarAggregate_OfAnsweredNumbers_Computes(string expression, string answers, double expected) =>
        Assert.Equal((decimal)expected, Eval(expression, answers));

    [Theory]
    [InlineData("sum(n, m)")]
    [InlineData("min(n, m)")]
    [InlineData("max(n, m)")]
    [InlineData("avg(n, m)")]
    public void ScalarAggregate_WithAnUnansweredArgument_IsUnknown(string expression) =>
        Assert.Null(Eval(expression, """{"n": 2}"""));

    [Theory]
    [InlineData("answered(n)", "{}", false)]
    [InlineData("answered(n)", """{"n": 0}""", true)]
    [InlineData("answered(t)", """{"t": ""}""", false)]
    [InlineData("answered(symptoms)", """{"symptoms": []}""", false)]
    [InlineData("answered(symptoms)", """{"symptoms": ["cough"]}""", true)]
    [InlineData("answered(readings)", "{}", false)]
    [InlineData("answered(a)", """{"a": false}""", true)]
    public void Answered_IsTrueOnlyForAGivenAnswer(string expression, string answers, bool expected) =>
        Assert.Equal(expected, Eval(expression, answers));

    [Fact]
    public void CountAnswered_CountsTheAnsweredArguments()
    {
        Assert.Equal(0m, Eval("count_answered(a, n, t)"));
        Assert.Equal(2m, Eval("count_answered(a, n, t)", """{"a": false, "t": "x"}"""));
    }

    [Theory]
    [InlineData("contains(symptoms, 'cough')", """{"symptoms": ["cough", "fever"]}""", true)]
    [InlineData("contains(symptoms, 'cough')", """{"symptoms": ["fever"]}""", false)]
    [InlineData("contains(symptoms, 'cough')", "{}", null)]
    [InlineData("contains_any(symptoms, 'cough', 'fever')", """{"symptoms": ["fever"]}""", true)]
    [InlineData("contains_any(symptoms, 'cough', 'fever')", """{"symptoms": ["none"]}""", false)]
    [InlineData("contains_any(symptoms, 'cough', 'fever')", "{}", null)]
    public void Contains_TestsTheChosenCodes(string expression, string answers, bool? expected) =>
        Assert.Equal(expected, Eval(expression, answers));

    [Theory]
    [InlineData("score(colour)", """{"colour": "blue"}""", 3)]
    [InlineData("score(symptoms)", """{"symptoms": ["cough", "fever"]}""", 3)]
    [InlineData("score(symptoms)", """{"symptoms": ["none"]}""", 0)]
    public void Score_AddsTheOptionScores(string expression, string answers, int expected) =>
        Assert.Equal((decimal)expected, Eval(expression, answers));

    [Fact]
    public void Score_OfAnUnansweredChoice_IsNullNotZero()
    {
        Assert.Null(Eval("score(colour)"));
        Assert.Null(Eval("score(symptoms)"));
    }

    [Fact]
    public void Display_GivesTheOptionsDisplayText()
    {
        Assert.Equal("Green", Eval("display(colour)", """{"colour": "green"}"""));
        Assert.Equal("Cough, Fever", Eval("display(symptoms)", """{"symptoms": ["fever", "cough"]}"""));
        Assert.Null(Eval("display(colour)"));
    }

    [Fact]
    public void Date_OfADateTime_DropsTheTime()
    {
        Assert.Equal("2026-03-01", Eval("date(seen_at)", """{"seen_at": "2026-03-01T23:59"}"""));
        Assert.Null(Eval("date(seen_at)"));
    }

    [Theory]
    [InlineData("days_between(born, date(seen_at))", """{"born": "2026-02-27", "seen_at": "2026-03-01T08:00"}""", 2)]
    [InlineData("days_between(date(seen_at), born)", """{"born": "2026-02-27", "seen_at": "2026-03-01T08:00"}""", -2)]
    [InlineData("days_between(seen_at, today())", """{"seen_at": "2026-03-01T23:00"}""", 7)]
    public void DaysBetween_CountsCalendarDays(string expression, string answers, int expected) =>
        Assert.Equal((decimal)expected, Eval(expression, answers));

    [Fact]
    public void DaysBetween_WithAnUnansweredDate_IsUnknown() => Assert.Null(Eval("days_between(born, today())"));

    [Theory]
    [InlineData("minutes_between(now(), seen_at)", "2026-03-01T08:20", 5)]
    [InlineData("minutes_between(now(), seen_at)", "2026-03-01T08:21", 6)]
    [InlineData("minutes_between(seen_at, now())", "2026-03-01T08:21", -6)]
    [InlineData("minutes_between(now(), seen_at)", "2026-03-02T08:15", 1440)]
    [InlineData("minutes_between(now(), seen_at)", "2026-03-01T08:15:59", 0)] // a part minute is not counted
    public void MinutesBetween_CountsWholeMinutes(string expression, string seenAt, int expected) =>
        Assert.Equal((decimal)expected, Eval(expression, $$"""{"seen_at": "{{seenAt}}"}""", new DateTimeOffset(2026, 3, 1, 8, 15, 0, TimeSpan.Zero)));

    [Fact]
    public void MinutesBetween_WithAnUnansweredTime_IsUnknown() => Assert.Null(Eval("minutes_between(seen_at, now())"));

    [Fact]
    public void TodayAndNow_ReadTheSessionsClock()
    {
        var now = new DateTimeOffset(2026, 3, 1, 8, 15, 0, TimeSpan.Zero);
        Assert.Equal("2026-03-01", Eval("today()", now: now));
        Assert.Equal("2026-03-01T08:15:00", Eval("now()", now: now));
        Assert.Equal("2030-12-31", Eval("today()", now: new DateTimeOffset(2030, 12, 31, 23, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2000-03-08", 26)]
    [InlineData("2000-03-09", 25)]
    [InlineData("2026-03-08", 0)]
    [InlineData("1926-03-07", 100)]
    public void Age_CountsWholeYearsToToday(string born, int expected) =>
        Assert.Equal((decimal)expected, Eval("age(born)", $$"""{"born": "{{born}}"}""", new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Age_OfAnUnansweredDate_IsUnknown() => Assert.Null(Eval("age(born)"));

    [Theory]
    [InlineData("round(d)", 142.5, 143)]
    [InlineData("round(d)", -142.5, -143)]
    [InlineData("round(d)", 142.49, 142)]
    [InlineData("round(d, 1)", 2.25, 2.3)]
    [InlineData("round(d, 2)", 2.345, 2.35)]
    [InlineData("floor(d)", -1.5, -2)]
    [InlineData("floor(d)", 1.9, 1)]
    [InlineData("ceil(d)", 1.2, 2)]
    [InlineData("ceil(d)", -1.2, -1)]
    [InlineData("abs(d)", -3.5, 3.5)]
    public void Rounding_IsHalfAwayFromZero(string expression, double d, double expected) =>
        Assert.Equal((decimal)expected, Eval(expression, $$"""{"d": {{d.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"""));

    [Theory]
    [InlineData("round(d)")]
    [InlineData("floor(d)")]
    [InlineData("ceil(d)")]
    [InlineData("abs(d)")]
    public void Rounding_OfUnanswered_IsUnknown(string expression) => Assert.Null(Eval(expression));

    [Theory]
    [InlineData("count(n)", "HE1303")]
    [InlineData("sum(readings, t)", "HE1303")]
    [InlineData("answered(n, m)", "HE1306")]
    [InlineData("contains(colour, 'red')", "HE1303")]
    [InlineData("contains(symptoms, 'sneeze')", "HE1304")]
    [InlineData("today(1)", "HE1306")]
    [InlineData("round(d, n)", "HE1303")]
    [InlineData("age(n)", "HE1303")]
    [InlineData("score(n)", "HE1303")]
    [InlineData("avg(readings)", "HE1306")]
    [InlineData("any(readings, systolic)", "HE1309")]
    [InlineData("readings[0]", "HE1307")]
    [InlineData("$x", "HE1307")]
    [InlineData("readings.systolic", "HE1311")]
    public void Function_WithWrongArguments_IsADiagnostic(string expression, string code) =>
        Assert.Contains(ExpressionFixture.Diagnostics(expression), d => d.StartsWith(code, StringComparison.Ordinal));

    [Theory]
    [InlineData("""{"symptoms": ["cough", "fever"]}""", 2)]
    [InlineData("""{"symptoms": ["fever"]}""", 1)]
    [InlineData("""{"symptoms": ["none"]}""", 0)] // "None of these" is exclusive: it means none
    public void Count_OfAMultipleChoice_IsTheOptionsChosen_NotCountingAnExclusiveOne(string answers, int expected) =>
        Assert.Equal((decimal)expected, Eval("count(symptoms)", answers));

    [Fact]
    public void Count_OfAnUnansweredMultipleChoice_IsUnknown_NotZero() => Assert.Null(Eval("count(symptoms)"));

    [Theory]
    [InlineData("count(symptoms, contains(symptoms, 'cough'))", "'count' of a multiple choice takes the item alone")]
    [InlineData("count(colour)", "a repeating group or a list, or a multiple choice")]
    public void Count_OfAChoiceWrongly_SaysHow(string expression, string message) =>
        Assert.Contains(ExpressionFixture.Diagnostics(expression), d => d.StartsWith("HE1303", StringComparison.Ordinal) && d.Contains(message, StringComparison.Ordinal));

    [Theory]
    [InlineData("age(born, date('2026-03-08'))", "1986-03-08", 40)] // the birthday: at the line
    [InlineData("age(born, date('2026-03-07'))", "1986-03-08", 39)] // the day before: just under
    [InlineData("age(born, date('2025-02-28'))", "2004-02-29", 20)] // a leap-day birthday is not yet reached on 28 February
    [InlineData("age(born, date('2025-03-01'))", "2004-02-29", 21)]
    [InlineData("age(born, datetime('2026-03-08T00:00'))", "1986-03-08", 40)]
    public void Age_AtAGivenDate_IsFullYears(string expression, string born, int expected) =>
        Assert.Equal((decimal)expected, Eval(expression, $$"""{"born": "{{born}}"}"""));

    [Fact]
    public void Age_AtADateBeforeBirth_OrWithADateUnknown_IsUnknown()
    {
        Assert.Null(Eval("age(born, date('1980-01-01'))", """{"born": "1986-03-08"}"""));
        Assert.Null(Eval("age(born, date('2026-01-01'))"));
    }

    [Theory]
    [InlineData("add_days(born, 7)", "2026-03-08")]
    [InlineData("add_days(born, -1)", "2026-02-28")]
    [InlineData("add_weeks(born, 2)", "2026-03-15")]
    [InlineData("add_months(born, 1)", "2026-04-01")]
    [InlineData("add_months(born, -12)", "2025-03-01")]
    [InlineData("add_days(born, n)", "2026-03-04")]
    public void AddDaysWeeksMonths_ToADate_GiveADate(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression, """{"born": "2026-03-01", "n": 3}"""));

    [Theory]
    [InlineData("2026-01-31", 1, "2026-02-28")] // to the month's last day
    [InlineData("2024-01-31", 1, "2024-02-29")] // a leap year
    [InlineData("2026-03-31", -1, "2026-02-28")]
    public void AddMonths_FromTheEndOfAMonth_EndsOnTheLastDay(string from, int months, string expected) =>
        Assert.Equal(expected, Eval($"add_months(born, {months})", $$"""{"born": "{{from}}"}"""));

    [Fact]
    public void AddDays_ToADateTime_KeepsTheTime() =>
        Assert.Equal("2026-03-03T07:30:00", Eval("add_days(seen_at, 2)", """{"seen_at": "2026-03-01T07:30"}"""));

    [Theory]
    [InlineData("add_days(born, n)", """{"born": "2026-03-01"}""")]
    [InlineData("add_days(born, 1)", "{}")]
    [InlineData("add_months(born, 3000)", """{"born": "2026-03-01"}""")] // past 2199, the last year an answer may hold
    public void AddDays_WithSomethingUnknown_OrOutOfRange_IsUnknown(string expression, string answers) =>
        Assert.Null(Eval(expression, answers));

    [Theory]
    [InlineData("add_days(seen_at, 1) > seen_at", true)]
    [InlineData("date(seen_at) == born", true)]
    [InlineData("date(seen_at) > born", false)]
    [InlineData("born >= date('2026-03-01')", true)]
    [InlineData("seen_at < datetime('2026-03-01T08:00')", true)]
    public void DatesAndDateTimes_CompareWithTheirOwnKind(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression, """{"born": "2026-03-01", "seen_at": "2026-03-01T07:30"}"""));

    [Theory]
    [InlineData("born < seen_at", "compare days with date(x)")]
    [InlineData("born == seen_at", "compare days with date(x)")]
    [InlineData("born > '2026-01-01'", "write a date as date('2026-03-01')")]
    [InlineData("born + 7", "move a date with add_days, add_weeks or add_months")]
    [InlineData("born - born", "days between two dates are days_between(a, b)")]
    [InlineData("add_days(born, 1.5)", "'add_days' needs a whole number of days")]
    [InlineData("add_months(t, 1)", "'add_months' needs a date or date-time first")]
    [InlineData("age(born, t)", "'age' needs a date or date-time to count to")]
    public void DateMistakes_AreCheckedAtLoad_SayingWhatToWrite(string expression, string message) =>
        Assert.Contains(ExpressionFixture.Diagnostics(expression), d => d.StartsWith("HE1303", StringComparison.Ordinal) && d.Contains(message, StringComparison.Ordinal));
}
