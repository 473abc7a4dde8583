using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// The patient's context: what the practice already knows (date of birth, sex), read as <c>patient.*</c>. Unknown
/// is unanswered, never zero; a session replayed from its result gets the same context back.
/// </summary>
public class PatientContextTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: context
        version: 1.0.0
        items:
          - id: could_be_pregnant
            type: boolean
            text: Could you be pregnant?
            enable_when: "!answered(patient.sex) || patient.sex != 'male'"
          - id: cough
            type: boolean
        values:
          - name: years
            expr: patient.age
          - name: born
            expr: patient.date_of_birth
        rules:
          - id: cough-40
            when: cough && patient.age >= 40
            level: soon
            clinician: Cough at {{ patient.age }} ({{ patient.sex ?? 'sex not recorded' }}).
            source: NICE NG12 1.1.2 (test fixture)
        narrative: "Aged {{ patient.age }}."
        """);

    private static readonly DateTimeOffset Now = new(2026, 3, 8, 9, 0, 0, TimeSpan.Zero);

    private static Session Start(PatientContext patient, string answers = "{}")
    {
        var session = Q.CreateSession(new FixedClock(Now), patient);
        using var doc = JsonDocument.Parse(answers);
        session.SetAnswers(doc.RootElement);
        return session;
    }

    [Theory]
    [InlineData("1986-03-08", 40, true)]   // the fortieth birthday: at the threshold
    [InlineData("1986-03-09", 39, false)]  // the day before it: just under
    public void Age_IsFullYearsAtTheSessionsClock(string born, int years, bool fires)
    {
        var session = Start(new PatientContext { DateOfBirth = DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture) }, """{"cough": true}""");
        var result = session.Result();
        Assert.Equal((decimal)years, result.Values["years"]);
        Assert.Equal(born, result.Values["born"]);
        Assert.Equal(fires, result.Flags.Any(f => f.Rule == "cough-40"));
    }

    [Fact]
    public void NoContext_IsUnknown_NeverZero_AndAConditionOnItIsNotMet()
    {
        var result = Start(PatientContext.None, """{"cough": true}""").Result();
        Assert.Null(result.Values["years"]);
        Assert.Null(result.Values["born"]);
        Assert.Empty(result.Flags);
        Assert.Equal("Aged .", result.Summary);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(PatientSex.Female, true)]
    [InlineData(PatientSex.Other, true)]
    [InlineData(PatientSex.Male, false)]
    public void Sex_DecidesWhetherAQuestionIsAsked_AndUnknownSexAsks(PatientSex? sex, bool asked) =>
        Assert.Equal(asked, Start(new PatientContext { Sex = sex }).IsEnabled("could_be_pregnant"));

    [Fact]
    public void Templates_ReadTheContext_ChoicesAsTheirCode()
    {
        var session = Start(new PatientContext { DateOfBirth = new DateOnly(1950, 1, 1), Sex = PatientSex.Female }, """{"cough": true}""");
        Assert.Equal("Cough at 76 (female).", Assert.Single(session.Result().Flags).Clinician);
    }

    [Fact]
    public void DateOfBirthAfterToday_GivesNoAge()
    {
        var result = Start(new PatientContext { DateOfBirth = new DateOnly(2026, 3, 9) }).Result();
        Assert.Null(result.Values["years"]);
    }

    [Fact]
    public void ResultJson_CarriesTheContext_AndReadsItBack()
    {
        var context = new PatientContext { DateOfBirth = new DateOnly(1970, 3, 27), Sex = PatientSex.Male };
        var json = ResultJson.Write(Start(context).Result());
        using (var doc = JsonDocument.Parse(json))
        {
            var patient = doc.RootElement.GetProperty("patient");
            Assert.Equal("1970-03-27", patient.GetProperty("date_of_birth").GetString());
            Assert.Equal("male", patient.GetProperty("sex").GetString());
        }
        Assert.Equal(context, ResultJson.ReadPatient(json));
    }

    [Theory]
    [InlineData("""{"questionnaire": "x"}""")]
    [InlineData("not json")]
    [InlineData("""{"patient": {"sex": "martian"}}""")]
    public void ReadPatient_OfAResultWithoutAUsableContext_IsNone(string json) =>
        Assert.Equal(PatientContext.None, ResultJson.ReadPatient(json));

    [Theory]
    [InlineData("""{"date_of_birth": "1970-03-27", "sex": "female"}""", "")]
    [InlineData("""{"sex": "unknown"}""", "")]
    [InlineData("""{"date_of_birth": "27/03/1970"}""", "'27/03/1970' is not a date of birth")]
    [InlineData("""{"date_of_birth": "1850-01-01"}""", "between 1900 and 2199")]
    [InlineData("""{"sex": "F"}""", "use female, male, other or unknown")]
    [InlineData("""{"age": 40}""", "give date_of_birth instead")]
    [InlineData("""{"sexx": "male"}""", "did you mean 'sex'?")]
    [InlineData("""["female"]""", "must be an object")]
    public void FromJson_RefusesWhatItCannotRead_SayingWhy(string json, string problem)
    {
        var problems = new List<string>();
        using var doc = JsonDocument.Parse(json);
        PatientContext.FromJson(doc.RootElement, problems);
        if (problem.Length == 0) Assert.Empty(problems);
        else Assert.Contains(problem, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_ReadTheSameContext()
    {
        using var folder = new TempFolder();
        folder.Write("m.yaml", "id: m\nversion: 1.0.0\nmodule: true\nitems:\n  - id: x\n    type: boolean\nvalues:\n  - name: old\n    expr: patient.age >= 65\n");
        var file = QuestionnaireFile.Load(folder.Write("q.yaml", "id: q\nversion: 1.0.0\nitems:\n  - id: mod\n    include: m.yaml\n"));
        Assert.True(file.Compiled is not null, string.Join("\n", file.Diagnostics));
        var session = file.Compiled!.CreateSession(new FixedClock(Now), new PatientContext { DateOfBirth = new DateOnly(1950, 1, 1) });
        Assert.Equal(true, session.Result().Values["mod.old"]);
    }
}
