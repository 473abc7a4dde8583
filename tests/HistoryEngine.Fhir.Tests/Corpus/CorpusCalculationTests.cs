namespace HistoryEngine.Fhir.Tests.Corpus;

/// <summary>The SDC calculations in the corpus, evaluated by FHIRPath over the session's answers.</summary>
public sealed class CorpusCalculationTests
{
    private static HistoryEngine.Runtime.Session Run(string file, string answers, string now = "2026-03-01T09:00:00Z")
    {
        var q = QuestionnaireFile.Load(TestFiles.CorpusFile(file));
        Assert.True(q.Compiled is not null, TestFiles.Codes(q.Diagnostics));
        return TestFiles.Session(q.Compiled!, answers, now);
    }

    [SkippableFact]
    public void LformsPhq9_Total_IsTheSumOfOrdinals_AndEmptyUntilAnswered()
    {
        Assert.Null(Run("lforms-phq9.json", "{}").GetAnswer("/44261-6"));
        var session = Run("lforms-phq9.json", """{"/44250-9": "LA6569-3", "/44255-8": "LA6571-9", "/44260-8": "LA6570-1"}""");
        Assert.Equal(6m, session.GetAnswer("/44261-6"));
    }

    [SkippableFact]
    public void Apgar_Total_AppearsOnlyWhenAllFiveAreAnswered()
    {
        const string four = """{"32406-1": "LA6724-4", "32407-9": "LA6717-8", "32409-5": "LA6721-0", "32408-7": "LA6714-5"}""";
        Assert.Null(Run("lforms-apgar-with-itemWeight-variable.json", four).GetAnswer("9272-6"));
        var all = four.TrimEnd('}') + """, "32410-3": "LA6727-7"}""";
        Assert.Equal(8m, Run("lforms-apgar-with-itemWeight-variable.json", all).GetAnswer("9272-6"));
    }

    [SkippableFact]
    public void AndroidAge_IsWholeYears_AtTheSessionClock()
    {
        Assert.Equal(25m, Run("android-fhir-behavior_calculated_expression.json", """{"birthdate": "2000-06-15"}""", "2026-03-01T09:00:00Z").GetAnswer("age"));
        Assert.Equal(26m, Run("android-fhir-behavior_calculated_expression.json", """{"birthdate": "2000-06-15"}""", "2026-07-01T09:00:00Z").GetAnswer("age"));
    }

    [SkippableFact]
    public void Framingham_Risk_IsWorkedOutFromTheAnswers()
    {
        var session = Run("sdc-questionnaire-sdc-profile-example-framingham-HCHD.json",
            """{"/age": 55, "/46098-0": "LA2-8", "/smokes": "Y", "/8480-6": 140, "/2093-3": 213, "/2085-9": 50, "/antihypertensive": "N"}""");
        var risk = Assert.IsType<decimal>(session.GetAnswer("riskDecimal"));
        Assert.InRange(risk, 0.05m, 0.6m);
        Assert.EndsWith("%", Assert.IsType<string>(session.GetAnswer("riskPercentage")));
        Assert.Null(Run("sdc-questionnaire-sdc-profile-example-framingham-HCHD.json", """{"/age": 55}""").GetAnswer("riskDecimal"));
    }
}
