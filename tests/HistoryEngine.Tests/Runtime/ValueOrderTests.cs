namespace HistoryEngine.Tests.Runtime;

/// <summary>Values may be read before the line that defines them: by earlier values, by conditions and by rules.</summary>
public class ValueOrderTests
{
    private static readonly HistoryEngine.Runtime.CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: order
        version: 1.0.0
        items:
          - id: weight
            type: decimal
          - id: height
            type: decimal
          - id: advice
            type: display
            text: Ask about weight.
            enable_when: obese
        values:
          - name: obese
            expr: bmi >= 30
          - name: bmi
            expr: round(weight / (height * height), 1)
        rules:
          - id: high_bmi
            when: obese
            level: routine
            clinician: BMI {{ bmi }}.
            source: NICE CG189
        """);

    [Fact]
    public void ValueReadingALaterValue_IsComputed()
    {
        var r = Questionnaires.Start(Q, """{"weight": 100, "height": 1.7}""").Result();
        Assert.Equal(34.6m, r.Values["bmi"]);
        Assert.Equal(true, r.Values["obese"]);
    }

    [Fact]
    public void EnableWhenReadingAValue_Enables()
    {
        var session = Questionnaires.Start(Q, """{"weight": 100, "height": 1.7}""");
        Assert.True(session.IsEnabled("advice"));
        session.SetAnswer("weight", 60);
        Assert.False(session.IsEnabled("advice"));
    }

    [Fact]
    public void RuleReadingAValue_Fires() =>
        Assert.Equal("BMI 34.6.", Assert.Single(Questionnaires.Start(Q, """{"weight": 100, "height": 1.7}""").Result().Flags).Clinician);

    [Fact]
    public void ValueOfTheWrongType_ReadLater_IsStillATypeError()
    {
        var codes = Questionnaires.Codes("""
            id: order
            version: 1.0.0
            items:
              - id: smoker
                type: boolean
                enable_when: label
            values:
              - name: label
                expr: "'text'"
            """);
        Assert.Equal(["HE1309"], codes);
    }
}
