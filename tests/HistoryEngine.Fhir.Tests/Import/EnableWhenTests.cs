namespace HistoryEngine.Fhir.Tests.Import;

/// <summary>enableWhen and enableBehavior as R4 defines them, through the translation into expressions.</summary>
public sealed class EnableWhenTests
{
    private static string Questionnaire(string conditions, string behavior = "", string extraItems = "") => $$$"""
        {"resourceType": "Questionnaire", "status": "active", "item": [
          {"linkId": "b", "type": "boolean", "text": "B"},
          {"linkId": "n", "type": "integer", "text": "N"},
          {"linkId": "d", "type": "date", "text": "D"},
          {"linkId": "s", "type": "string", "text": "S"},
          {"linkId": "c", "type": "choice", "text": "C", "answerOption": [{"valueCoding": {"code": "x"}}, {"valueCoding": {"code": "y"}}]},
          {"linkId": "m", "type": "choice", "repeats": true, "text": "M", "answerOption": [{"valueCoding": {"code": "x"}}, {"valueCoding": {"code": "y"}}]},
          {{{extraItems}}}
          {"linkId": "target", "type": "string", "text": "T", {{{behavior}}} "enableWhen": [{{{conditions}}}]}
        ]}
        """;

    private static bool Enabled(string conditions, string answers, string behavior = "", string extraItems = "") =>
        TestFiles.Session(TestFiles.Compile(Questionnaire(conditions, behavior, extraItems)), answers).IsEnabled("target");

    [Theory]
    [InlineData("""{"question": "b", "operator": "exists", "answerBoolean": true}""", """{"b": false}""", true)]
    [InlineData("""{"question": "b", "operator": "exists", "answerBoolean": true}""", "{}", false)]
    [InlineData("""{"question": "b", "operator": "exists", "answerBoolean": false}""", "{}", true)]
    [InlineData("""{"question": "b", "operator": "=", "answerBoolean": true}""", """{"b": true}""", true)]
    [InlineData("""{"question": "b", "operator": "!=", "answerBoolean": true}""", """{"b": false}""", true)]
    [InlineData("""{"question": "n", "operator": ">", "answerInteger": 5}""", """{"n": 6}""", true)]
    [InlineData("""{"question": "n", "operator": ">", "answerInteger": 5}""", """{"n": 5}""", false)]
    [InlineData("""{"question": "n", "operator": ">=", "answerInteger": 5}""", """{"n": 5}""", true)]
    [InlineData("""{"question": "n", "operator": "<", "answerInteger": 5}""", """{"n": 4}""", true)]
    [InlineData("""{"question": "n", "operator": "<=", "answerInteger": 5}""", """{"n": 6}""", false)]
    [InlineData("""{"question": "d", "operator": ">", "answerDate": "2020-01-01"}""", """{"d": "2020-01-02"}""", true)]
    [InlineData("""{"question": "s", "operator": "=", "answerString": "yes"}""", """{"s": "yes"}""", true)]
    [InlineData("""{"question": "s", "operator": "<", "answerString": "m"}""", """{"s": "a"}""", true)]
    [InlineData("""{"question": "c", "operator": "=", "answerCoding": {"code": "x"}}""", """{"c": "x"}""", true)]
    [InlineData("""{"question": "c", "operator": "!=", "answerCoding": {"code": "x"}}""", """{"c": "y"}""", true)]
    [InlineData("""{"question": "m", "operator": "=", "answerCoding": {"code": "y"}}""", """{"m": ["x", "y"]}""", true)]
    [InlineData("""{"question": "m", "operator": "!=", "answerCoding": {"code": "y"}}""", """{"m": ["x", "y"]}""", false)]
    public void Operator_ComparesTheAnswer(string condition, string answers, bool enabled) =>
        Assert.Equal(enabled, Enabled(condition, answers));

    [Theory]
    [InlineData("""{"question": "n", "operator": "=", "answerInteger": 5}""")]
    [InlineData("""{"question": "n", "operator": "<", "answerInteger": 5}""")]
    [InlineData("""{"question": "n", "operator": ">=", "answerInteger": 5}""")]
    [InlineData("""{"question": "c", "operator": "=", "answerCoding": {"code": "x"}}""")]
    [InlineData("""{"question": "m", "operator": "=", "answerCoding": {"code": "x"}}""")]
    [InlineData("""{"question": "b", "operator": "=", "answerBoolean": false}""")]
    public void Unanswered_Question_MeetsNoComparison_ButNotEqual(string condition) => Assert.False(Enabled(condition, "{}"));

    // '!=' against an unanswered question (issue 18.7). R4 says "True if whether at least no answer has a value that
    // is equal", which can be read either way; R5 says "True if no answer has a value that is equal", which an
    // unanswered question meets. The engine follows R5 (docs/fhir.md says why). Where a question is answered, both
    // readings agree:
    [Theory]
    [InlineData("""{"question": "n", "operator": "!=", "answerInteger": 5}""", """{"n": 5}""", false)]
    [InlineData("""{"question": "n", "operator": "!=", "answerInteger": 5}""", """{"n": 4}""", true)]
    [InlineData("""{"question": "c", "operator": "!=", "answerCoding": {"code": "x"}}""", """{"c": "x"}""", false)]
    [InlineData("""{"question": "c", "operator": "!=", "answerCoding": {"code": "x"}}""", """{"c": "y"}""", true)]
    [InlineData("""{"question": "m", "operator": "!=", "answerCoding": {"code": "x"}}""", """{"m": ["y", "x"]}""", false)]
    [InlineData("""{"question": "m", "operator": "!=", "answerCoding": {"code": "x"}}""", """{"m": ["y"]}""", true)]
    [InlineData("""{"question": "b", "operator": "!=", "answerBoolean": true}""", """{"b": true}""", false)]
    [InlineData("""{"question": "b", "operator": "!=", "answerBoolean": true}""", """{"b": false}""", true)]
    [InlineData("""{"question": "s", "operator": "!=", "answerString": "no"}""", """{"s": "no"}""", false)]
    [InlineData("""{"question": "s", "operator": "!=", "answerString": "no"}""", """{"s": "yes"}""", true)]
    public void NotEqual_AnsweredQuestion_BothReadingsAgree(string condition, string answers, bool enabled) =>
        Assert.Equal(enabled, Enabled(condition, answers));

    // ...and where it is not, they differ: the R4 "at least one answer, none equal" reading would hide the item;
    // R5 (followed here) shows it, since no answer equals the value.
    [Theory]
    [InlineData("""{"question": "n", "operator": "!=", "answerInteger": 5}""")]
    [InlineData("""{"question": "c", "operator": "!=", "answerCoding": {"code": "x"}}""")]
    [InlineData("""{"question": "m", "operator": "!=", "answerCoding": {"code": "x"}}""")]
    [InlineData("""{"question": "b", "operator": "!=", "answerBoolean": true}""")]
    [InlineData("""{"question": "s", "operator": "!=", "answerString": "no"}""")]
    [InlineData("""{"question": "d", "operator": "!=", "answerDate": "2020-01-01"}""")]
    public void NotEqual_UnansweredQuestion_IsMet_AsR5Says(string condition)
    {
        Assert.True(Enabled(condition, "{}"));
        Assert.True(Enabled(condition, """{"m": []}"""));
    }

    [Fact]
    public void NotEqual_DisabledQuestion_CountsAsUnanswered_AndIsMet()
    {
        const string gate = """{"linkId": "gated", "type": "integer", "text": "G", "enableWhen": [{"question": "b", "operator": "=", "answerBoolean": true}]},""";
        const string condition = """{"question": "gated", "operator": "!=", "answerInteger": 9}""";
        Assert.True(Enabled(condition, """{"b": false, "gated": 9}""", extraItems: gate));
        Assert.False(Enabled(condition, """{"b": true, "gated": 9}""", extraItems: gate));
    }

    [Fact]
    public void NotEqual_InFhirPath_WhenJoinedWithAConditionTheEngineCannotSay_FollowsR5Too()
    {
        // Ordering text is said in FHIRPath, so both conditions are: '!=' must still be met by an unanswered question.
        const string conditions = """{"question": "s", "operator": ">", "answerString": "m"}, {"question": "c", "operator": "!=", "answerCoding": {"code": "x"}}""";
        Assert.True(Enabled(conditions, """{"s": "z"}""", "\"enableBehavior\": \"all\","));
        Assert.False(Enabled(conditions, """{"s": "z", "c": "x"}""", "\"enableBehavior\": \"all\","));
    }

    [Fact]
    public void DisabledQuestion_CountsAsNotAnswered()
    {
        // 'n' holds 9 but is disabled (b is not true), so 'target' behaves as if n had no answer.
        const string gate = """{"linkId": "gated", "type": "integer", "text": "G", "enableWhen": [{"question": "b", "operator": "=", "answerBoolean": true}]},""";
        Assert.False(Enabled("""{"question": "gated", "operator": "exists", "answerBoolean": true}""", """{"b": false, "gated": 9}""", extraItems: gate));
        Assert.True(Enabled("""{"question": "gated", "operator": "exists", "answerBoolean": false}""", """{"b": false, "gated": 9}""", extraItems: gate));
        Assert.True(Enabled("""{"question": "gated", "operator": ">", "answerInteger": 5}""", """{"b": true, "gated": 9}""", extraItems: gate));
    }

    [Theory]
    [InlineData("\"enableBehavior\": \"all\",", """{"b": true, "n": 1}""", false)]
    [InlineData("\"enableBehavior\": \"all\",", """{"b": true, "n": 9}""", true)]
    [InlineData("\"enableBehavior\": \"any\",", """{"b": true}""", true)]
    [InlineData("\"enableBehavior\": \"any\",", """{"n": 9}""", true)]
    [InlineData("\"enableBehavior\": \"any\",", """{"b": false, "n": 1}""", false)]
    public void EnableBehavior_AllAndAny(string behavior, string answers, bool enabled) =>
        Assert.Equal(enabled, Enabled("""{"question": "b", "operator": "=", "answerBoolean": true}, {"question": "n", "operator": ">", "answerInteger": 5}""", answers, behavior));

    [Fact]
    public void EnableWhen_IsTranslatedIntoTheExpressionLanguage()
    {
        var q = TestFiles.Compile(Questionnaire("""{"question": "c", "operator": "=", "answerCoding": {"code": "x"}}, {"question": "n", "operator": ">", "answerInteger": 5}""", "\"enableBehavior\": \"all\","));
        var target = q.GetItem("target")!.Definition.EnableWhen!;
        Assert.Null(target.Language);
        Assert.Equal("(item('c') == 'x') && (item('n') > 5)", target.Text);
    }

    [Fact]
    public void EnableWhen_OnAnOptionThatDoesNotExist_IsAnErrorAtTheAnswer()
    {
        var file = TestFiles.LoadJson(Questionnaire("""{"question": "c", "operator": "=", "answerCoding": {"code": "zzz"}}"""));
        var error = Assert.Single(file.Diagnostics, d => d.IsError);
        Assert.Equal("HE1304", error.Code);
        Assert.Equal(9, error.Span.Line);
    }
}
