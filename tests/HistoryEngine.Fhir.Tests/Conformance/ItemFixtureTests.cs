using System.Text.Json;
using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>
/// Item types, initial values, limits on numbers and repeating groups in the project's own fixtures: what each R4
/// construct becomes in the engine, and how answers to it behave.
/// </summary>
public sealed class ItemFixtureTests
{
    private static Dictionary<string, JsonElement> Answers(Runtime.Session session) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(session.Result().AnswersJson)!;

    [Fact]
    public void InitialValues_OfEveryType_StartTheSession()
    {
        var q = TestFiles.LoadFixture("initial-values.json").Compiled!;
        var a = Answers(TestFiles.Session(q, "{}", now: "2026-03-01T09:00:00Z"));
        Assert.True(a["i-boolean"].GetBoolean());
        Assert.Equal(36.6m, a["i-decimal"].GetDecimal());
        Assert.Equal(3, a["i-integer"].GetInt32());
        Assert.Equal("2020-02-29", a["i-date"].GetString());
        Assert.Equal("2020-02-29T08:30:00", a["i-datetime"].GetString());
        Assert.Equal("07:15:00", a["i-time"].GetString());
        Assert.Equal("hello", a["i-string"].GetString());
        Assert.Equal("first line\nsecond line", a["i-text"].GetString());
        Assert.Equal("https://example.org/a", a["i-url"].GetString());
        Assert.Equal("b", a["i-choice"].GetString());
        Assert.Equal("c", a["i-selected"].GetString());
        Assert.Equal(["a", "c"], a["i-multiple"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(7, a["i-two"].GetInt32()); // the first of two
        Assert.Equal(4, a["i-expression"].GetInt32()); // initialExpression: one more than i-integer
        Assert.Equal("2026-03-01", a["i-today"].GetString());
        // Values that do not fit their item are left out (HE4055), never turned into something else.
        Assert.False(a.ContainsKey("i-open"));
        Assert.False(a.ContainsKey("i-quantity"));
        Assert.False(a.ContainsKey("i-coding-on-text"));
    }

    [Fact]
    public void InitialValues_AreReplacedByTheAnswers()
    {
        var q = TestFiles.LoadFixture("initial-values.json").Compiled!;
        var a = Answers(TestFiles.Session(q, """{"i-boolean": false, "i-multiple": ["b"], "i-integer": 10}"""));
        Assert.False(a["i-boolean"].GetBoolean());
        Assert.Equal(["b"], a["i-multiple"].EnumerateArray().Select(e => e.GetString()));
        // The initialExpression was worked out once, when the session started, from the initial value 3.
        Assert.Equal(4, a["i-expression"].GetInt32());
    }

    [Fact]
    public void ItemTypes_BecomeTheEnginesTypes()
    {
        var q = TestFiles.LoadFixture("item-types.json").Compiled!;
        ItemDefinition Item(string id) => q.GetItem(id)!.Definition;
        Assert.Equal("Please answer **what you can**.", Item("intro").Text);
        Assert.Equal(ItemType.Display, Item("intro").Type);
        Assert.Equal(ItemType.Group, Item("about").Type);
        Assert.Equal("1. Integer", Item("t-integer").Text);
        Assert.Equal<ItemType>([ItemType.Boolean, ItemType.Decimal, ItemType.Integer, ItemType.Date, ItemType.DateTime, ItemType.Text, ItemType.Text, ItemType.LongText, ItemType.Text],
            new[] { "t-boolean", "t-decimal", "t-integer", "t-date", "t-datetime", "t-time", "t-string", "t-text", "t-url" }.Select(id => Item(id).Type));
        Assert.Equal(20, Item("t-string").MaxLength);
        Assert.Equal("at most 20 letters", Item("t-string").Hint);
        Assert.Equal("00000-0", Assert.Single(Item("t-boolean").Codes).Code);
        // Not asked: shown as text only.
        Assert.Equal(ItemType.Display, Item("t-attachment").Type);
        Assert.Equal(ItemType.Display, Item("t-reference").Type);
        Assert.Equal(["red", "green"], Item("t-choice").Options.Select(o => o.Code));
        Assert.Equal(["red", "blue"], Item("t-open-choice").Options.Select(o => o.Code));
        Assert.Equal(ItemType.Text, Item("t-external").Type);
        Assert.Equal((ItemType.Decimal, "cm"), (Item("t-quantity").Type, Item("t-quantity").Unit));
        Assert.Equal(["2026-01-01", "2026-02-01"], Item("t-dates").Options.Select(o => o.Code));
        Assert.Equal(["09:00:00", "17:00:00"], Item("t-times").Options.Select(o => o.Code));
    }

    [Fact]
    public void ItemTypes_AnswersOfEachType_AreKept()
    {
        var q = TestFiles.LoadFixture("item-types.json").Compiled!;
        var session = TestFiles.Session(q, """
            {"t-boolean": true, "t-decimal": 1.5, "t-integer": 2, "t-date": "2026-01-02", "t-datetime": "2026-01-02T10:30",
             "t-time": "10:30:00", "t-string": "short", "t-text": "long\ntext", "t-url": "https://example.org", "t-choice": "green",
             "t-open-choice": "blue", "t-external": "GB", "t-quantity": 172.5, "t-dates": "2026-02-01", "t-times": "09:00:00"}
            """);
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.Equal(172.5m, session.GetAnswer("t-quantity"));
        Assert.Equal("GB", session.GetAnswer("t-external"));
        Assert.Equal("HE2004", Assert.Single(TestFiles.Session(q, """{"t-string": "more than twenty letters here"}""").Result().Errors).Code);
    }

    [Theory]
    [InlineData("""{"children": 21}""", "HE2003")]
    [InlineData("""{"children": -1}""", "HE2002")]
    [InlineData("""{"temperature": 33.9}""", "HE2002")]
    [InlineData("""{"temperature": 37.25}""", "HE2005")]
    [InlineData("""{"weight": 80.25}""", "HE2005")]
    public void NumberLimits_RefuseAnswersOutsideThem(string answers, string code)
    {
        var q = TestFiles.LoadFixture("number-limits.json").Compiled!;
        Assert.Equal(code, Assert.Single(TestFiles.Session(q, answers).Result().Errors).Code);
    }

    [Theory]
    [InlineData("""{"children": 20, "temperature": 43, "weight": 0.5}""")]
    [InlineData("""{"children": 0, "temperature": 34, "weight": 80.2}""")]
    public void NumberLimits_AcceptAnswersAtThem(string answers)
    {
        var q = TestFiles.LoadFixture("number-limits.json").Compiled!;
        Assert.Empty(TestFiles.Session(q, answers).Result().Errors);
    }

    [Fact]
    public void RepeatingGroups_NestedInstances_AreKeptApart()
    {
        var q = TestFiles.LoadFixture("repeating-groups.json").Compiled!;
        var session = TestFiles.Session(q, """
            {"medicines": [{"medicine-name": "A", "doses": [{"dose-amount": 5, "dose-unit": "mg"}, {"dose-amount": 10, "dose-unit": "mg"}]},
                           {"medicine-name": "B", "medicine-started": "2025-11-01", "doses": [{"dose-amount": 2.5, "dose-unit": "mL"}]}]}
            """);
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.True(result.Complete);
        Assert.Equal(2, session.InstanceCount("medicines"));
        Assert.Equal(2, session.InstanceCount("medicines[0].doses"));
        Assert.Equal(1, session.InstanceCount("medicines[1].doses"));
        Assert.Equal(2.5m, session.GetAnswer("medicines[1].doses[0].dose-amount"));
    }

    [Fact]
    public void RepeatingGroups_RequiredAndMaxOccurs_AreEnforced()
    {
        var q = TestFiles.LoadFixture("repeating-groups.json").Compiled!;
        Assert.Contains("medicines", TestFiles.Session(q, "{}").Result().Missing);
        var tooMany = TestFiles.Session(q, """{"medicines": [{"medicine-name": "A", "doses": [{"dose-amount": 1}, {"dose-amount": 1}, {"dose-amount": 1}, {"dose-amount": 1}]}]}""").Result();
        Assert.Contains(tooMany.Errors, e => e.Code == "HE2010");
        var missingName = TestFiles.Session(q, """{"medicines": [{"medicine-started": "2025-01-01"}]}""").Result();
        Assert.Contains("medicine-name", missingName.Missing);
        Assert.False(missingName.Complete);
    }
}
