using System.Text.Json;
using HistoryEngine.Cli;

namespace HistoryEngine.Tests.Cli;

/// <summary>The historyengine verbs check, run and test, their output and their exit codes (0 ok, 1 errors, 2 usage).</summary>
public sealed class CommandLineTests : IDisposable
{
    private const string Good = """
        id: home-bp
        version: 1.2.0
        title: Home blood pressure
        items:
          - id: readings
            type: group
            repeats: true
            items:
              - id: systolic
                type: integer
                min: 50
                max: 300
                required: true
              - id: diastolic
                type: integer
                review_only: The clinician reads it beside the systolic.
          - id: symptoms
            type: multiple_choice
            review_only: The clinician reads it in the narrative.
            options:
              - code: headache
              - code: none
                exclusive: true
          - id: taken_on
            type: date
        values:
          - name: average_systolic
            expr: round(avg(readings, systolic))
          - name: days_ago
            expr: days_between(taken_on, today())
        rules:
          - id: severe-reading
            when: any(readings, systolic >= 180)
            level: urgent
            patient: Contact your GP practice **today**.
            clinician: Severe reading of {{ max(readings, systolic) }}.
            source: NICE NG136
        entries:
          - system: http://snomed.info/sct
            code: "413606001"
            display: Average home systolic blood pressure
            value: average_systolic
            min: 50
            max: 300
            unit: mm[Hg]
        narrative: "Average {{ average_systolic }}."
        """;

    private const string Answers = """
        {"readings": [{"systolic": 150, "diastolic": 90}, {"systolic": 190, "diastolic": 95}],
         "symptoms": ["none"], "taken_on": "2026-03-01", "pulse": 70}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        var err = error.ToString();
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
        return (exit, output.ToString().ReplaceLineEndings("\n"), err.ReplaceLineEndings("\n"));
    }

    private string File(string name, string text) => _folder.Write(name, text);

    [Fact]
    public void NoArguments_IsUsage_WithHelpOnStderr()
    {
        var (exit, _, err) = Run();
        Assert.Equal(2, exit);
        Assert.Contains("usage: historyengine", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_IsOk_WithHelpOnStdout()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("check PATH", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_IsUsage() => Assert.Equal(2, Run("frobnicate").Exit);

    [Fact]
    public void Check_CleanFile_IsOk()
    {
        var (exit, output, err) = Run("check", File("good.yaml", Good));
        Assert.Equal(0, exit);
        Assert.Equal("", output);
        Assert.Contains("1 file checked: 0 errors", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FileWithErrors_PrintsOneCompilerStyleLinePerProblem_AndFails()
    {
        var path = File("bad.yaml", "id: q\nversion: 1.0.0\nitems:\n  - id: smoker\n    type: boolean\n    requird: true\n");
        var (exit, output, _) = Run("check", path);
        Assert.Equal(1, exit);
        Assert.Equal($"{path}(6,5): error HE1006: unknown key 'requird' in an item; did you mean 'required'?\n", output);
    }

    [Fact]
    public void Check_Folder_ChecksEveryQuestionnaireButNotScenarioFiles()
    {
        File("a/good.yaml", Good);
        File("a/b/bad.yaml", "id: q\n");
        File("a/good.tests.yaml", "scenarios: []\n");
        var (exit, output, err) = Run("check", Path.Combine(_folder.Path, "a"));
        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml(1,1): error HE1007", output, StringComparison.Ordinal);
        Assert.DoesNotContain("good", output, StringComparison.Ordinal);
        Assert.Contains("2 files checked", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CountsTheQuestionsMarkedReviewOnly()
    {
        var (exit, _, err) = Run("check", File("good.yaml", Good));
        Assert.Equal(0, exit);
        Assert.Contains("2 questions are marked review_only", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AnAnswerNothingReads_IsAWarningAtTheItem_AndTheCheckStillPasses()
    {
        var path = File("q.yaml", "id: q\nversion: 1.0.0\nitems:\n  - id: pregnant\n    type: boolean\n    text: Could you be pregnant?\n");
        var (exit, output, err) = Run("check", path);
        Assert.Equal(0, exit);
        Assert.StartsWith($"{path}(4,5): warning HE1540: nothing reads the answer to 'pregnant'", output, StringComparison.Ordinal);
        Assert.Contains("0 errors, 1 warning", err, StringComparison.Ordinal);
        Assert.DoesNotContain("review_only:", err.Split('\n')[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AModuleCheckedOnItsOwnAndWhereIncluded_ReportsEachProblemOnce()
    {
        File("m/phq.yaml", "id: phq\nversion: 1.0.0\nitems:\n  - id: q1\n    type: boolean\n");
        File("m/history.yaml", "id: h\nversion: 1.0.0\nitems:\n  - id: phq\n    include: phq.yaml\n");
        var (_, output, err) = Run("check", Path.Combine(_folder.Path, "m"));
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("phq.yaml(4,5): warning HE1540", output, StringComparison.Ordinal);
        Assert.Contains("2 files checked: 0 errors, 1 warning", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoPath_IsUsage() => Assert.Equal(2, Run("check").Exit);

    [Fact]
    public void Check_MissingPath_IsUsage()
    {
        var (exit, _, err) = Run("check", Path.Combine(_folder.Path, "nothing.yaml"));
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PrintsTheResultJsonOfTheContract()
    {
        var (exit, output, _) = Run("run", File("q.yaml", Good), "--answers", File("a.json", Answers), "--now", "2026-03-08T09:00");
        Assert.Equal(0, exit);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal("home-bp", r.GetProperty("questionnaire").GetString());
        Assert.Equal("1.2.0", r.GetProperty("version").GetString());
        Assert.False(r.GetProperty("complete").GetBoolean());
        Assert.Equal(["readings", "systolic", "diastolic", "symptoms", "taken_on"], r.GetProperty("enabled").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Array, r.GetProperty("missing").ValueKind);
        var error = Assert.Single(r.GetProperty("errors").EnumerateArray());
        Assert.Equal(("pulse", "HE2008"), (error.GetProperty("item").GetString(), error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(170, r.GetProperty("values").GetProperty("average_systolic").GetInt32());
        Assert.Equal(7, r.GetProperty("values").GetProperty("days_ago").GetInt32());
        var flag = Assert.Single(r.GetProperty("flags").EnumerateArray());
        Assert.Equal("severe-reading", flag.GetProperty("rule").GetString());
        Assert.Equal("urgent", flag.GetProperty("level").GetString());
        Assert.Equal("Contact your GP practice **today**.", flag.GetProperty("patient").GetString());
        Assert.Equal("Severe reading of 190.", flag.GetProperty("clinician").GetString());
        var entry = Assert.Single(r.GetProperty("entries").EnumerateArray());
        Assert.Equal("http://snomed.info/sct", entry.GetProperty("system").GetString());
        Assert.Equal("413606001", entry.GetProperty("code").GetString());
        Assert.Equal("Average home systolic blood pressure", entry.GetProperty("display").GetString());
        Assert.Equal(170, entry.GetProperty("value").GetInt32());
        Assert.Equal("mm[Hg]", entry.GetProperty("unit").GetString());
        // What a clinician may file comes from the file's min and max.
        Assert.Equal((50, 300), (entry.GetProperty("min").GetInt32(), entry.GetProperty("max").GetInt32()));
        Assert.Equal("Average 170.", r.GetProperty("summary").GetString());
    }

    [Fact]
    public void Run_ValueThatCannotBeComputed_IsNull()
    {
        var (_, output, _) = Run("run", File("q.yaml", Good), "--answers", File("a.json", "{}"), "--now", "2026-03-08T09:00");
        var values = JsonDocument.Parse(output).RootElement.GetProperty("values");
        Assert.Equal(JsonValueKind.Null, values.GetProperty("average_systolic").ValueKind);
        Assert.Equal(JsonValueKind.Null, values.GetProperty("days_ago").ValueKind);
    }

    [Fact]
    public void Run_Now_SetsTheClock()
    {
        var (_, output, _) = Run("run", File("q.yaml", Good), "--answers", File("a.json", """{"taken_on": "2026-03-01"}"""), "--now", "2026-04-01T00:30");
        Assert.Equal(31, JsonDocument.Parse(output).RootElement.GetProperty("values").GetProperty("days_ago").GetInt32());
    }

    [Theory]
    [InlineData("10/03/2026", "write 2026-03-10 (10 March) or 2026-10-03 (3 October)")]
    [InlineData("10/03/2026 09:30", "write 2026-03-10T09:30 (10 March) or 2026-10-03T09:30 (3 October)")]
    [InlineData("2026-03-10T09:00Z", "UK local time as the patient sees it: write 2026-03-10T09:00")]
    public void Run_NowThatIsNotIso_IsExit2_ShowingTheIsoFormToUse(string now, string message)
    {
        var (exit, output, err) = Run("run", File("q.yaml", Good), "--answers", File("a.json", "{}"), "--now", now);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("error HE3007", err, StringComparison.Ordinal);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-08")]
    [InlineData("2026-03-08T00:00")]
    [InlineData("2026-03-08 00:00:00")]
    public void Run_NowInAnIsoForm_IsThatWallClockTime(string now)
    {
        var (_, output, _) = Run("run", File("q.yaml", Good), "--answers", File("a.json", """{"taken_on": "2026-03-01"}"""), "--now", now);
        Assert.Equal(7, JsonDocument.Parse(output).RootElement.GetProperty("values").GetProperty("days_ago").GetInt32());
    }

    [Fact]
    public void Run_BrokenQuestionnaire_Fails_WithItsDiagnosticsOnStderr()
    {
        var path = File("bad.yaml", "id: q\nversion: 1.0.0\nitems:\n  - id: x\n    type: integr\n");
        var (exit, output, err) = Run("run", path, "--answers", File("a.json", "{}"));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("error HE1009", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "Q")]
    [InlineData("run", "Q", "--answers")]
    [InlineData("run", "--answers", "A")]
    [InlineData("run", "Q", "--answers", "A", "--now")]
    [InlineData("run", "Q", "--answers", "A", "--colour", "red")]
    [InlineData("run", "Q", "--answers", "A", "extra")]
    [InlineData("run", "Q", "--answers", "A", "--now", "yesterday")]
    [InlineData("run", "Q", "--answers", "A", "--now", "2026-13-01T08:00")]
    [InlineData("run", "Q", "--answers", "MISSING")]
    [InlineData("run", "MISSING", "--answers", "A")]
    [InlineData("run", "Q", "--answers", "FOLDER")]
    public void Run_BadUsage_IsExit2(params string[] args)
    {
        var q = File("q.yaml", Good);
        var a = File("a.json", "{}");
        var resolved = args.Select(x => x switch
        {
            "Q" => q, "A" => a, "MISSING" => Path.Combine(_folder.Path, "missing.json"), "FOLDER" => _folder.Path, _ => x,
        }).ToArray();
        var (exit, output, err) = Run(resolved);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.NotEqual("", err);
    }

    [Theory]
    [InlineData("{\"readings\": [")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("\"answers\"")]
    public void Run_InvalidAnswersJson_IsExit2WithAPosition(string json)
    {
        var answers = File("a.json", json);
        var (exit, output, err) = Run("run", File("q.yaml", Good), "--answers", answers);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(answers, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AnswersNestedTooDeep_IsExit2()
    {
        var json = "{\"x\": " + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.Equal(2, Run("run", File("q.yaml", Good), "--answers", File("a.json", json)).Exit);
    }

    private const string ContextQuestionnaire = """
        id: context
        version: 1.0.0
        items:
          - id: cough
            type: boolean
        values:
          - name: years
            expr: patient.age
          - name: sex
            expr: patient.sex
        """;

    [Fact]
    public void Run_PatientKeyInTheAnswersFile_IsThePatientsContext_NotAnAnswer()
    {
        var answers = File("a.json", """{"patient": {"date_of_birth": "1986-03-08", "sex": "female"}, "cough": true}""");
        var (exit, output, err) = Run("run", File("q.yaml", ContextQuestionnaire), "--answers", answers, "--now", "2026-03-08T09:00");
        Assert.True(exit == 0, err);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal(40, r.GetProperty("values").GetProperty("years").GetInt32());
        Assert.Equal("female", r.GetProperty("values").GetProperty("sex").GetString());
        Assert.Empty(r.GetProperty("errors").EnumerateArray());
        Assert.Equal("female", r.GetProperty("patient").GetProperty("sex").GetString());
        Assert.False(r.GetProperty("answers").TryGetProperty("patient", out _));
    }

    [Fact]
    public void Run_PatientOption_TakesInlineJsonOrAFile()
    {
        var q = File("q.yaml", ContextQuestionnaire);
        var a = File("a.json", "{}");
        var inline = Run("run", q, "--answers", a, "--now", "2026-03-08T09:00", "--patient", """{"date_of_birth": "1986-03-09"}""");
        Assert.Equal(39, JsonDocument.Parse(inline.Out).RootElement.GetProperty("values").GetProperty("years").GetInt32());
        var file = Run("run", q, "--answers", a, "--patient", File("p.json", """{"sex": "male"}"""));
        Assert.Equal("male", JsonDocument.Parse(file.Out).RootElement.GetProperty("values").GetProperty("sex").GetString());
    }

    [Fact]
    public void Run_NoContext_LeavesEveryPatientNameUnknown()
    {
        var (_, output, _) = Run("run", File("q.yaml", ContextQuestionnaire), "--answers", File("a.json", "{}"));
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.Null, r.GetProperty("values").GetProperty("years").ValueKind);
        Assert.Empty(r.GetProperty("patient").EnumerateObject());
    }

    [Theory]
    [InlineData("""{"patient": {"sex": "F"}}""", null, "use female, male, other or unknown")]
    [InlineData("""{"patient": {"age": 40}}""", null, "give date_of_birth instead")]
    [InlineData("{}", """{"date_of_birth": "08/03/1986"}""", "is not a date of birth")]
    [InlineData("{}", "{not json", "not valid JSON")]
    [InlineData("""{"patient": {"sex": "male"}}""", """{"sex": "male"}""", "give the patient's context once")]
    public void Run_PatientContextThatCannotBeRead_IsExit2_SayingWhy(string answers, string? option, string message)
    {
        string[] args = ["run", File("q.yaml", ContextQuestionnaire), "--answers", File("a.json", answers)];
        if (option is not null) args = [.. args, "--patient", option];
        var (exit, output, err) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    private const string Scenarios = """
        questionnaire: q.yaml
        scenarios:
          - name: severe reading raises a flag
            now: 2026-03-08T09:00
            answers:
              readings:
                - systolic: 190
            expect:
              flags: [severe-reading]
              values:
                average_systolic: 190
          - name: normal reading raises nothing
            answers:
              readings:
                - systolic: 120
            expect:
              flags: []
        """;

    [Fact]
    public void Test_AllScenariosPass_IsOk_AndEndsWithTheCounts()
    {
        File("q.yaml", Good);
        var (exit, output, _) = Run("test", File("q.tests.yaml", Scenarios));
        Assert.Equal(0, exit);
        Assert.EndsWith("2 passed, 0 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_AFailingScenario_Fails_AndSaysWhereAndWhy()
    {
        File("q.yaml", Good);
        var path = File("q.tests.yaml", Scenarios.Replace("average_systolic: 190", "average_systolic: 180", StringComparison.Ordinal));
        var (exit, output, _) = Run("test", _folder.Path);
        Assert.Equal(1, exit);
        Assert.Contains($"{path}(3,5): error HE3003: scenario 'severe reading raises a flag': value 'average_systolic': expected 180, got 190", output, StringComparison.Ordinal);
        Assert.EndsWith("1 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_FoundBesideAQuestionnaireNamedDirectly()
    {
        var q = File("q.yaml", Good);
        File("q.tests.yaml", Scenarios);
        Assert.EndsWith("2 passed, 0 failed\n", Run("test", q).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_NoScenarioFound_Fails()
    {
        var (exit, output, _) = Run("test", File("q.yaml", Good));
        Assert.Equal(1, exit);
        Assert.EndsWith("0 passed, 0 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_ScenarioFileWithErrors_CountsAsFailed()
    {
        File("q.yaml", Good);
        File("q.tests.yaml", "scenarios:\n  - name: x\n    expect:\n      flagz: []\n");
        var (exit, output, _) = Run("test", _folder.Path);
        Assert.Equal(1, exit);
        Assert.Contains("error HE1006", output, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("test", "MISSING")]
    public void Test_BadUsage_IsExit2(params string[] args) =>
        Assert.Equal(2, Run([.. args.Select(a => a == "MISSING" ? Path.Combine(_folder.Path, "nothing") : a)]).Exit);
}
