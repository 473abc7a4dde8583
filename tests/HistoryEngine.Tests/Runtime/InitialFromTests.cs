using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// <c>initial_from</c> (issue 18, point 8, the native format): a question starts with what the practice already knows,
/// the patient's context (<c>patient.age</c>, <c>patient.sex</c>) or the last value filed in their record
/// (<c>last_value</c>, <c>last_date</c>), for the patient to confirm or change; nothing known leaves it empty.
/// </summary>
public sealed class InitialFromTests
{
    private const string Yaml = """
        id: prefill
        version: 1.0.0
        title: Prefill
        items:
          - id: age_now
            type: integer
            text: How old are you?
            initial_from: patient.age
          - id: last_average
            type: decimal
            text: Your last home systolic average
            hint: From your record. Change it if it is not right.
            initial_from: last_value('http://snomed.info/sct|413606001')
          - id: last_average_on
            type: date
            text: When was it?
            initial_from: last_date('http://snomed.info/sct|413606001')
          - id: smoker
            type: boolean
            text: Do you smoke?
        """;

    private static readonly PatientContext Known = new()
    {
        DateOfBirth = new DateOnly(1970, 5, 17),
        Observations =
        [
            new ContextObservation("http://snomed.info/sct", "413606001", "Average home systolic", 151, "mm[Hg]", null, new DateTime(2026, 1, 20, 8, 0, 0)),
            new ContextObservation("http://snomed.info/sct", "413606001", "Average home systolic", 146, "mm[Hg]", null, new DateTime(2026, 2, 20, 8, 0, 0)),
            new ContextObservation("http://snomed.info/sct", "413605002", "Average home diastolic", 92, "mm[Hg]", null, new DateTime(2026, 2, 21, 8, 0, 0)),
            // Filed after the session's now (a clock set back in a test, or a mistake): never read as the last one.
            new ContextObservation("http://snomed.info/sct", "413606001", "Average home systolic", 200, "mm[Hg]", null, new DateTime(2026, 4, 1, 8, 0, 0)),
        ],
    };

    private static Dictionary<string, JsonElement> Answers(PatientContext patient, string answers = "{}")
    {
        var session = Questionnaires.Compile(Yaml).CreateSession(new FixedClock(Questionnaires.Now), patient);
        using var doc = JsonDocument.Parse(answers);
        session.SetAnswers(doc.RootElement);
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(session.Result().AnswersJson)!;
    }

    [Fact]
    public void WhatThePracticeKnows_IsTheStartingAnswer()
    {
        var answers = Answers(Known);

        Assert.Equal(55, answers["age_now"].GetInt32());
        Assert.Equal(146m, answers["last_average"].GetDecimal()); // the latest under that code, not the diastolic
        Assert.Equal("2026-02-20", answers["last_average_on"].GetString());
        Assert.False(answers.ContainsKey("smoker"));
    }

    [Fact]
    public void NothingKnown_LeavesTheQuestionsEmpty()
    {
        Assert.Empty(Answers(PatientContext.None));
    }

    [Fact]
    public void ThePatientsOwnAnswer_ReplacesTheStartingOne()
    {
        Assert.Equal(139m, Answers(Known, """{"last_average": 139}""")["last_average"].GetDecimal());
    }

    [Fact]
    public void AQuestionnaireThatReadsTheRecord_SaysSo_SoTheSiteGivesItTheRecord()
    {
        Assert.True(Questionnaires.Compile(Yaml).ReadsPatientRecord);
        Assert.False(Questionnaires.Compile(Yaml.Replace("initial_from: last_value('http://snomed.info/sct|413606001')", "")
            .Replace("initial_from: last_date('http://snomed.info/sct|413606001')", "")).ReadsPatientRecord);
    }

    [Theory]
    [InlineData("initial_from: smoker", "HE1131")] // an answer is not what the practice knows
    [InlineData("initial_from: last_value('413606001')", "HE1303")] // no system
    [InlineData("initial_from: last_vaule('http://snomed.info/sct|413606001')", "HE1305")] // a misspelt function
    public void AStartingAnswerThatCannotBe_IsAnErrorAtItsLine(string line, string code)
    {
        var yaml = Yaml.Replace("initial_from: patient.age", line);
        var file = Questionnaires.Load(yaml);

        var error = Assert.Single(file.Diagnostics, d => d.IsError);
        Assert.Equal(code, error.Code);
        Assert.Equal(8, error.Span.Line);
    }
}
