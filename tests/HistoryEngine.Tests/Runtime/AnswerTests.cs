using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// Answers of every item type: accepted, refused for the wrong type (nothing stored), or kept but invalid (out of
/// range, too long, too precise, exclusive option with another), in which case they count in no value or rule.
/// </summary>
public class AnswerTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: answers
        version: 1.0.0
        items:
          - id: smoker
            type: boolean
          - id: colour
            type: choice
            options:
              - code: red
              - code: blue
          - id: symptoms
            type: multiple_choice
            options:
              - code: cough
              - code: fever
              - code: none
                display: None of these
                exclusive: true
          - id: weight
            type: integer
            min: 20
            max: 300
            unit: kg
          - id: temperature
            type: decimal
            min: 30
            max: 45
            decimal_places: 1
          - id: name
            type: text
            max_length: 10
          - id: story
            type: long_text
            max_length: 20
          - id: born
            type: date
          - id: seen_at
            type: datetime
          - id: about
            type: group
            items:
              - id: inner
                type: boolean
          - id: intro
            type: display
            text: Welcome.
        values:
          - name: v_smoker
            expr: smoker
          - name: v_colour
            expr: colour
          - name: v_symptoms
            expr: symptoms
          - name: v_weight
            expr: weight
          - name: v_temperature
            expr: temperature
          - name: v_name
            expr: name
          - name: v_story
            expr: story
          - name: v_born
            expr: born
          - name: v_seen_at
            expr: seen_at
        rules:
          - id: heavy
            when: weight > 100
            level: routine
            source: test
          - id: feverish
            when: temperature >= 38
            level: soon
            source: test
          - id: coughing
            when: contains(symptoms, 'cough')
            level: routine
            source: test
          - id: long_name
            when: answered(name)
            level: routine
            source: test
        """);

    private static Session Answer(string id, string json)
    {
        var session = Questionnaires.Start(Q);
        session.SetAnswer(id, Questionnaires.Json(json));
        return session;
    }

    [Theory]
    [InlineData("smoker", "true", true)]
    [InlineData("smoker", "false", false)]
    [InlineData("colour", "\"blue\"", "blue")]
    [InlineData("weight", "70", 70)]
    [InlineData("temperature", "37.5", 37.5)]
    [InlineData("name", "\"Ann\"", "Ann")]
    [InlineData("story", "\"Started on Monday\"", "Started on Monday")]
    [InlineData("born", "\"2000-01-02\"", "2000-01-02")]
    [InlineData("seen_at", "\"2026-03-01T07:30\"", "2026-03-01T07:30:00")]
    [InlineData("seen_at", "\"2026-03-01T07:30:00+01:00\"", "2026-03-01T07:30:00")]
    public void ValidAnswer_IsStoredAndCounts(string id, string json, object expected)
    {
        var session = Answer(id, json);
        var result = session.Result();
        Assert.Empty(result.Errors);
        var plain = expected is int or double ? Convert.ToDecimal(expected, System.Globalization.CultureInfo.InvariantCulture) : expected;
        Assert.Equal(plain, session.GetAnswer(id));
        Assert.Equal(plain, result.Values["v_" + id]);
    }

    [Fact]
    public void MultipleChoice_ValidAnswer_IsStoredInTheOptionsOrderWithoutRepeats()
    {
        var session = Answer("symptoms", """["fever", "cough", "fever"]""");
        Assert.Empty(session.Result().Errors);
        Assert.Equal(new[] { "cough", "fever" }, session.GetAnswer("symptoms"));
        Assert.Contains(session.Result().Flags, f => f.Rule == "coughing");
    }

    [Theory]
    [InlineData("smoker", "\"maybe\"")]
    [InlineData("smoker", "1")]
    [InlineData("colour", "5")]
    [InlineData("symptoms", "5")]
    [InlineData("symptoms", "[1, 2]")]
    [InlineData("weight", "\"heavy\"")]
    [InlineData("weight", "70.5")]
    [InlineData("weight", "true")]
    [InlineData("temperature", "\"hot\"")]
    [InlineData("name", "5")]
    [InlineData("story", "[\"a\"]")]
    [InlineData("born", "\"yesterday\"")]
    [InlineData("born", "\"2026-02-30\"")]
    [InlineData("born", "\"01/02/2000\"")]
    [InlineData("born", "\"1800-01-01\"")]
    [InlineData("seen_at", "\"soon\"")]
    [InlineData("seen_at", "20260301")]
    public void WrongTypeAnswer_IsRefusedWithHE2001_AndNothingIsStored(string id, string json)
    {
        var session = Answer(id, json);
        var error = Assert.Single(session.Result().Errors);
        Assert.Equal(("HE2001", id, id), (error.Code, error.Item, error.Path));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Null(session.GetAnswer(id));
        Assert.Null(session.Result().Values["v_" + id]);
    }

    [Fact]
    public void WrongTypeAnswer_ReplacesAnEarlierValidAnswer()
    {
        var session = Answer("weight", "150");
        Assert.Contains(session.Result().Flags, f => f.Rule == "heavy");
        session.SetAnswer("weight", Questionnaires.Json("\"a lot\""));
        Assert.Null(session.GetAnswer("weight"));
        Assert.DoesNotContain(session.Result().Flags, f => f.Rule == "heavy");
    }

    [Theory]
    [InlineData("weight", "10", "HE2002", 10)]
    [InlineData("weight", "400", "HE2003", 400)]
    [InlineData("temperature", "29.5", "HE2002", 29.5)]
    [InlineData("temperature", "45.5", "HE2003", 45.5)]
    public void OutOfRangeAnswer_IsKeptButCountsNowhere(string id, string json, string code, double kept)
    {
        var session = Answer(id, json);
        var result = session.Result();
        Assert.Equal(code, Assert.Single(result.Errors).Code);
        Assert.Equal((decimal)kept, session.GetAnswer(id));
        Assert.Null(result.Values["v_" + id]);
        Assert.Empty(result.Flags);
        Assert.False(result.Complete);
    }

    [Fact]
    public void OutOfRangeAnswer_ErrorMessage_NamesTheRangeAndUnit() =>
        Assert.Equal("Enter a number between 20 and 300 kg", Assert.Single(Answer("weight", "400").Result().Errors).Message);

    [Fact]
    public void TooLongText_IsKeptWithHE2004ButCountsNowhere()
    {
        var session = Answer("name", "\"Bartholomew Jr\"");
        var result = session.Result();
        Assert.Equal("HE2004", Assert.Single(result.Errors).Code);
        Assert.Equal("Bartholomew Jr", session.GetAnswer("name"));
        Assert.Null(result.Values["v_name"]);
        Assert.DoesNotContain(result.Flags, f => f.Rule == "long_name");
    }

    [Theory]
    // Issue 15 point 9: one count on both sides. The NHS.UK character count on the page counts UTF-16 units (an emoji
    // is two), and a line break once, though a form posts it as CR LF: the engine counts the same.
    [InlineData(5, "", 0)]      // 5 emoji are 10 units: at the limit of 10
    [InlineData(6, "", 2)]      // 6 are 12: 2 too many, as the page says
    public void TextLength_CountsAsTheBrowsersCharacterCountDoes(int emoji, string rest, int tooMany)
    {
        var session = Answer("name", "\"" + string.Concat(Enumerable.Repeat("\U0001F600", emoji)) + rest + "\"");
        var errors = session.Result().Errors;
        if (tooMany == 0)
            Assert.Empty(errors);
        else
            Assert.Equal($"Your answer must be 10 characters or fewer. You have {tooMany} characters too many", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData(7, true)]   // 7 × "ab" and 6 line breaks: 20, the limit, though 26 characters were posted
    [InlineData(8, false)]  // 8 × "ab" and 7 line breaks: 23
    public void TextLength_CountsALineBreakPostedAsCrLf_Once(int lines, bool fits)
    {
        var text = string.Join("\r\n", Enumerable.Repeat("ab", lines));
        var session = Answer("story", System.Text.Json.JsonSerializer.Serialize(text));
        Assert.Equal(fits, session.Result().Errors.Count == 0);
        if (!fits)
            Assert.Equal("Your answer must be 20 characters or fewer. You have 3 characters too many", Assert.Single(session.Result().Errors).Message);
    }

    [Fact]
    public void TooManyDecimalPlaces_IsKeptWithHE2005ButCountsNowhere()
    {
        var session = Answer("temperature", "38.25");
        var result = session.Result();
        Assert.Equal("HE2005", Assert.Single(result.Errors).Code);
        Assert.Equal(38.25m, session.GetAnswer("temperature"));
        Assert.Null(result.Values["v_temperature"]);
        Assert.DoesNotContain(result.Flags, f => f.Rule == "feverish");
    }

    [Fact]
    public void TrailingZeros_AreNotExtraDecimalPlaces() => Assert.Empty(Answer("temperature", "38.50").Result().Errors);

    [Theory]
    [InlineData("colour", "\"green\"")]
    [InlineData("symptoms", "[\"cough\", \"sneeze\"]")]
    public void UnknownOption_IsRefusedWithHE2006(string id, string json)
    {
        var session = Answer(id, json);
        Assert.Equal("HE2006", Assert.Single(session.Result().Errors).Code);
        Assert.Null(session.GetAnswer(id));
    }

    [Fact]
    public void ExclusiveOption_WithAnother_IsKeptWithHE2007ButCountsNowhere()
    {
        var session = Answer("symptoms", """["none", "cough"]""");
        var result = session.Result();
        Assert.Equal("HE2007", Assert.Single(result.Errors).Code);
        Assert.Equal(new[] { "cough", "none" }, session.GetAnswer("symptoms"));
        Assert.DoesNotContain(result.Flags, f => f.Rule == "coughing");
        Assert.Null(result.Values["v_symptoms"]);
    }

    [Fact]
    public void ExclusiveOption_OnItsOwn_IsValid() => Assert.Empty(Answer("symptoms", """["none"]""").Result().Errors);

    [Fact]
    public void AnswerForAnIdThatDoesNotExist_IsHE2008AndChangesNothing()
    {
        var session = Questionnaires.Start(Q, """{"weight": 150, "wieght": 70}""");
        var error = Assert.Single(session.Result().Errors);
        Assert.Equal(("HE2008", "wieght"), (error.Code, error.Path));
        Assert.Equal(150m, session.GetAnswer("weight"));
    }

    [Fact]
    public void AnswerForAnUnknownId_GivenTwice_IsOneError()
    {
        var session = Questionnaires.Start(Q, """{"wieght": 70}""");
        session.SetAnswer("wieght", 71);
        Assert.Single(session.Result().Errors);
    }

    [Fact]
    public void FormText_IsConvertedToTheItemsType()
    {
        var session = Questionnaires.Start(Q);
        session.SetAnswer("weight", "70");
        session.SetAnswer("temperature", " 37.5 ");
        session.SetAnswer("smoker", "yes");
        Assert.Empty(session.Result().Errors);
        Assert.Equal((70m, 37.5m, (object)true), (session.GetAnswer("weight"), session.GetAnswer("temperature"), session.GetAnswer("smoker")));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("born")]
    [InlineData("seen_at")]
    [InlineData("weight")]
    [InlineData("name")]
    public void EmptyStringInAnswersJson_IsNoAnswerLikeAnEmptyFormField(string id)
    {
        var session = Answer(id, "\"\"");
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.Null(session.GetAnswer(id));
        Assert.Equal(0, result.Progress.Answered);
    }

    [Theory]
    [InlineData("about")]
    [InlineData("intro")]
    public void AnswerToAGroupOrDisplayItem_IsRefusedWithHE2012(string id)
    {
        var session = Answer(id, "true");
        Assert.Equal("HE2012", Assert.Single(session.Result().Errors).Code);
        Assert.Null(session.GetAnswer(id));
    }

    [Fact]
    public void ItemInsideAGroup_IsAnsweredByItsOwnId()
    {
        var session = Answer("inner", "true");
        Assert.Empty(session.Result().Errors);
        Assert.Equal(true, session.GetAnswer("inner"));
    }

    [Theory]
    [InlineData("weight", "null")]
    [InlineData("name", "\"\"")]
    public void NullOrEmptyAnswer_ClearsTheAnswerAndItsError(string id, string clear)
    {
        var session = Answer(id, id == "weight" ? "1000" : "\"far too long a name\"");
        Assert.NotEmpty(session.Result().Errors);
        session.SetAnswer(id, Questionnaires.Json(clear));
        Assert.Empty(session.Result().Errors);
        Assert.Null(session.GetAnswer(id));
    }

    [Fact]
    public void CorrectingAnInvalidAnswer_MakesItCount()
    {
        var session = Answer("weight", "400");
        session.SetAnswer("weight", 150);
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.Equal(150m, result.Values["v_weight"]);
        Assert.Contains(result.Flags, f => f.Rule == "heavy");
    }

    [Fact]
    public void DotNetValues_AreAcceptedLikeJson()
    {
        var session = Questionnaires.Start(Q);
        session.SetAnswer("smoker", true);
        session.SetAnswer("weight", 70);
        session.SetAnswer("temperature", 37.5m);
        session.SetAnswer("symptoms", new[] { "cough" });
        session.SetAnswer("born", new DateOnly(2000, 1, 2));
        session.SetAnswer("seen_at", new DateTime(2026, 3, 1, 7, 30, 0));
        Assert.Empty(session.Result().Errors);
        Assert.Equal("2000-01-02", session.GetAnswer("born"));
        Assert.Equal("2026-03-01T07:30:00", session.GetAnswer("seen_at"));
    }

    [Fact]
    public void AnswersThatAreNotAnObject_AreOneErrorNotACrash()
    {
        var session = Questionnaires.Start(Q, "[1, 2]");
        Assert.Equal("HE2001", Assert.Single(session.Result().Errors).Code);
    }

    [Fact]
    public void ExportAnswers_KeepsInvalidAnswersButNotRefusedOnes()
    {
        var session = Questionnaires.Start(Q, """{"weight": 400, "smoker": "maybe", "name": "Ann"}""");
        var exported = Questionnaires.Json(session.ExportAnswers());
        Assert.Equal(400, exported.GetProperty("weight").GetInt32());
        Assert.Equal("Ann", exported.GetProperty("name").GetString());
        Assert.False(exported.TryGetProperty("smoker", out _));
    }
}
