using System.Text.Json;
using HistoryEngine.CarePlans;
using HistoryEngine.Cli;

namespace HistoryEngine.Tests.CarePlans;

/// <summary>
/// Care plans (issue 19): the loader's diagnostics with positions, the plan state as a pure function of record and
/// day, and the CLI verbs check, run and test on plan files.
/// </summary>
public sealed class CarePlanTests : IDisposable
{
    private const string Diary = """
        id: diary
        version: 1.0.0
        title: Diary
        items:
          - id: systolic
            type: integer
            min: 50
            max: 300
        rules:
          - id: very-high
            when: systolic >= 180
            level: urgent
            patient: Contact your GP practice today.
            clinician: Very high.
            source: NICE NG136 1.5.1
        """;

    private const string Plan = """
        kind: care-plan
        id: bp
        version: 1.0.0
        title: BP plan
        codes:
          - {name: diagnosis, system: http://snomed.info/sct, code: "38341003", display: Hypertensive disorder}
          - {name: sys, system: http://snomed.info/sct, code: "413606001", display: Average home systolic blood pressure}
          - {name: dia, system: http://snomed.info/sct, code: "413605002", display: Average home diastolic blood pressure}
          - {name: ecg, system: http://snomed.info/sct, code: "268400002", display: 12 lead ECG}
        starts: first_date('diagnosis')
        values:
          - name: last_above
            expr: nth_value('sys', 1) >= 135 || nth_value('dia', 1) >= 85
        steps:
          - id: ecg
            title: ECG
            done: filed_since('ecg', start)
            source: NICE NG136
        target: {systolic: "135", diastolic: "85", text: "Below {{ 135 }}/85", source: NICE NG136 1.4.20}
        diary: {questionnaire: diary, systolic: sys, diastolic: dia, interval_weeks: "4", due: "add_weeks(start, 4)", above_target: last_above, source: local decision}
        review: {questionnaire: diary, due: "add_months(start, 12)", assign_days_before: 28, overdue_days_after: 28, source: local decision}
        rules:
          - id: above
            when: last_above
            level: soon
            patient: Above.
            clinician: Above target.
            source: NICE NG136 1.4.20
        messages:
          - {id: sent-urgent, when: "last_flagged('diary', 'urgent')", text: Follow the diary's advice., source: local decision}
        information:
          - {id: help, title: Help, text: Seek help., red_flags: {questionnaire: diary, rules: [very-high]}}
        """;

    private const string Record = """
        {"patient": {"date_of_birth": "1970-01-01"},
         "entries": [{"code": "diagnosis", "date": "2026-01-10"},
                     {"system": "http://snomed.info/sct", "code": "413606001", "value": 140, "date": "2026-02-01"},
                     {"code": "dia", "value": 80, "date": "2026-02-01"}],
         "submissions": [{"questionnaire": "diary", "date": "2026-02-01T09:00", "highest_flag": "urgent"}]}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string plan, string name = "bp.care-plan.yaml")
    {
        _folder.Write("diary.yaml", Diary);
        return _folder.Write(name, plan);
    }

    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    private static string LineOf(string text, string fragment) =>
        (text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(fragment, StringComparison.Ordinal)).i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Load_ShippedShapeOfPlan_HasNoDiagnostics()
    {
        var file = CarePlanFile.Load(Write(Plan));
        Assert.Empty(file.Diagnostics);
        Assert.NotNull(file.Compiled);
    }

    [Fact]
    public void Load_UnknownFunction_IsHE1305_AtItsLine()
    {
        var text = Plan.Replace("done: filed_since('ecg', start)", "done: filed_sinse('ecg', start)", StringComparison.Ordinal);
        var file = CarePlanFile.Load(Write(text));
        var d = Assert.Single(file.Diagnostics);
        Assert.Equal("HE1305", d.Code);
        Assert.Equal(LineOf(text, "filed_sinse"), d.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("did you mean 'filed_since'", d.Message, StringComparison.Ordinal);
        Assert.Null(file.Compiled);
    }

    [Fact]
    public void Load_UnknownCodeName_IsHE1701_AtTheArgument_WithASuggestion()
    {
        var text = Plan.Replace("nth_value('dia', 1)", "nth_value('diaa', 1)", StringComparison.Ordinal);
        var d = Assert.Single(CarePlanFile.Load(Write(text)).Diagnostics);
        Assert.Equal("HE1701", d.Code);
        Assert.Contains("did you mean 'dia'", d.Message, StringComparison.Ordinal);
        var line = text.Split('\n')[d.Span.Line - 1];
        Assert.Equal("'diaa'", line.Substring(d.Span.Column - 1, 6));
    }

    [Fact]
    public void Load_ACodeNotDeclared_EvenAsSystemBarCode_IsRefused()
    {
        var text = Plan.Replace("filed_since('ecg', start)", "filed_since('http://snomed.info/sct|1234', start)", StringComparison.Ordinal);
        Assert.Equal("HE1701", Assert.Single(CarePlanFile.Load(Write(text)).Diagnostics).Code);
    }

    [Fact]
    public void Load_MissingSources_AreErrors_ForRulesAndSteps()
    {
        var text = Plan.Replace("    source: NICE NG136\n", "", StringComparison.Ordinal)
            .Replace("    clinician: Above target.\n    source: NICE NG136 1.4.20\n", "    clinician: Above target.\n", StringComparison.Ordinal);
        var codes = CarePlanFile.Load(Write(text)).Diagnostics.Select(d => d.Code).Order().ToList();
        Assert.Equal(["HE1114", "HE1702"], codes);
    }

    [Fact]
    public void Load_AStepThatIsNotACondition_IsHE1703()
    {
        var text = Plan.Replace("done: filed_since('ecg', start)", "done: count_since('ecg', start)", StringComparison.Ordinal);
        var d = Assert.Single(CarePlanFile.Load(Write(text)).Diagnostics);
        Assert.Equal("HE1703", d.Code);
        Assert.Contains("'done' of the step 'ecg' must be true or false, not a whole number", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownQuestionnaire_AndUnknownRedFlagRule_AreRefused()
    {
        var text = Plan.Replace("rules: [very-high]", "rules: [very-hihg]", StringComparison.Ordinal)
            .Replace("last_flagged('diary', 'urgent')", "last_flagged('diry', 'urgent')", StringComparison.Ordinal);
        var codes = CarePlanFile.Load(Write(text)).Diagnostics.Select(d => d.Code).Order().ToList();
        Assert.Equal(["HE1704", "HE1706"], codes);
    }

    [Fact]
    public void Load_ACodeThatTakesANumber_KeepsItsUnitAndLimits()
    {
        var text = Plan.Replace("display: 12 lead ECG}", "display: 12 lead ECG, unit: mmol/mol, min: 10, max: 250.5}", StringComparison.Ordinal);
        var file = CarePlanFile.Load(Write(text));
        Assert.Empty(file.Diagnostics);
        var ecg = Assert.Single(file.Compiled!.Definition.Codes, c => c.Name == "ecg");
        Assert.Equal(("mmol/mol", 10m, 250.5m), (ecg.Unit, ecg.Min, ecg.Max));
        Assert.Null(Assert.Single(file.Compiled.Definition.Codes, c => c.Name == "diagnosis").Unit);
    }

    [Theory]
    [InlineData("unit: mmol per mol", "has the unit 'mmol per mol': write a UCUM unit with no spaces")]
    [InlineData("min: 10", "has 'min' but no 'unit'")]
    [InlineData("max: 10", "has 'max' but no 'unit'")]
    [InlineData("unit: mmol/mol, min: 250, max: 10", "has min 250 above max 10")]
    public void Load_ABadUnitOrRange_IsHE1710_AtItsLine(string added, string message)
    {
        var text = Plan.Replace("display: 12 lead ECG}", $"display: 12 lead ECG, {added}}}", StringComparison.Ordinal);
        var d = Assert.Single(CarePlanFile.Load(Write(text)).Diagnostics);
        Assert.Equal("HE1710", d.Code);
        Assert.Contains($"the code 'ecg' {message}", d.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, "12 lead ECG"), d.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Load_WithoutKind_IsHE1705()
    {
        var text = Plan.Replace("kind: care-plan\n", "", StringComparison.Ordinal);
        Assert.Contains(CarePlanFile.Load(Write(text)).Diagnostics, d => d.Code == "HE1705");
    }

    [Fact]
    public void Evaluate_IsAPureFunctionOfRecordAndDay()
    {
        var plan = CarePlanFile.Load(Write(Plan)).Compiled!;
        var problems = new List<string>();
        var record = CarePlanRecord.FromJson(JsonDocument.Parse(Record).RootElement, plan.Definition, problems);
        Assert.Empty(problems);

        var before = plan.Evaluate(record, new DateOnly(2026, 1, 9));
        Assert.False(before.Active);
        Assert.Empty(before.Flags);

        var state = plan.Evaluate(record, new DateOnly(2026, 12, 20));
        Assert.True(state.Active);
        Assert.Equal(new DateOnly(2026, 1, 10), state.Start);
        Assert.False(Assert.Single(state.Steps).Done);
        Assert.Equal("Below 135/85", state.Target!.Text);
        Assert.Equal("above", Assert.Single(state.Flags).Rule);
        Assert.Equal("sent-urgent", Assert.Single(state.Messages).Id);
        Assert.Equal(new CarePlanAverage(new DateOnly(2026, 2, 1), 140, 80), Assert.Single(state.Diary!.Averages));
        Assert.Equal(new CarePlanAssignment("diary", new DateOnly(2027, 1, 10), "bp/review/2027-01-10"), state.Review!.Assign);
        Assert.Equal("Contact your GP practice today.", Assert.Single(Assert.Single(state.Information).RedFlags).Text);
        Assert.Equal(CarePlanJson.Write(state), CarePlanJson.Write(plan.Evaluate(record, new DateOnly(2026, 12, 20))));
    }

    [Fact]
    public void Hash_ChangesWithTheFilesText()
    {
        var first = CarePlanFile.Load(Write(Plan)).Compiled!.Hash;
        var second = CarePlanFile.Load(Write(Plan.Replace("title: BP plan", "title: Blood pressure plan", StringComparison.Ordinal))).Compiled!.Hash;
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Evaluate_EntriesAfterTheDay_AreNotSeen()
    {
        var plan = CarePlanFile.Load(Write(Plan)).Compiled!;
        var record = CarePlanRecord.FromJson(JsonDocument.Parse(Record).RootElement, plan.Definition, new List<string>());
        var state = plan.Evaluate(record, new DateOnly(2026, 1, 31));
        Assert.Empty(state.Flags);
        Assert.Empty(state.Diary!.Averages);
    }

    [Fact]
    public void Cli_Check_Folder_ChecksPlans_AndReportsTheirProblemsCompilerStyle()
    {
        Write(Plan.Replace("nth_value('dia', 1)", "nth_value('diaa', 1)", StringComparison.Ordinal));
        var (exit, output, err) = Cli("check", _folder.Path);
        Assert.Equal(1, exit);
        Assert.Matches(@"bp\.care-plan\.yaml\(\d+,\d+\): error HE1701: 'diaa'", output);
        Assert.Contains("2 files checked: 1 error", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Check_APlanNamedOnItsOwn_IsCheckedAsAPlan_NotAlsoAsAQuestionnaire()
    {
        var plan = Write(Plan.Replace("nth_value('dia', 1)", "nth_value('diaa', 1)", StringComparison.Ordinal));
        var (exit, output, err) = Cli("check", plan);
        Assert.Equal(1, exit);
        Assert.Matches(@"bp\.care-plan\.yaml\(\d+,\d+\): error HE1701: 'diaa'", output);
        Assert.DoesNotContain("HE1006", output, StringComparison.Ordinal); // no "unknown key ... in the questionnaire"
        Assert.Contains("1 file checked: 1 error", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Run_PrintsThePlanStateJson()
    {
        var plan = Write(Plan);
        var record = _folder.Write("record.json", Record);
        var (exit, output, _) = Cli("run", plan, "--record", record, "--today", "2026-03-01");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal("ecg", json.RootElement.GetProperty("steps_todo")[0].GetString());
        Assert.Equal("soon", json.RootElement.GetProperty("flags")[0].GetProperty("level").GetString());
        Assert.Equal("2026-02-07", json.RootElement.GetProperty("diary").GetProperty("next_due").GetString());
    }

    [Fact]
    public void Cli_Run_ABadRecord_IsUsage_WithAClearError()
    {
        var plan = Write(Plan);
        var record = _folder.Write("record.json", """{"entries": [{"code": "nope", "date": "2026-01-01"}], "todya": "x"}""");
        var (exit, output, err) = Cli("run", plan, "--record", record);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("error HE1709: the record has no 'todya'", err, StringComparison.Ordinal);
        Assert.Contains("'nope' is not a code the plan declares", err, StringComparison.Ordinal);
        Assert.Equal(2, Cli("run", plan).Exit);
        Assert.Equal(2, Cli("run", plan, "--record", record, "--today", "01/03/2026").Exit);
    }

    [Fact]
    public void Cli_Test_RunsPlanScenarios_AndReportsFailuresAtTheirPosition()
    {
        Write(Plan);
        _folder.Write("bp.care-plan.tests.yaml", """
            scenarios:
              - name: above target
                today: 2026-03-01
                threshold: above
                record: {entries: [{code: diagnosis, date: 2026-01-10}, {code: sys, value: 135, date: 2026-02-01}, {code: dia, value: 80, date: 2026-02-01}]}
                expect: {active: true, flags: [{rule: above, level: soon}]}
              - name: just under
                today: 2026-03-01
                under: above
                record: {entries: [{code: diagnosis, date: 2026-01-10}, {code: sys, value: 134, date: 2026-02-01}, {code: dia, value: 84, date: 2026-02-01}]}
                expect: {flags: [{rule: above}]}
            """);
        var (exit, output, _) = Cli("test", _folder.Path);
        Assert.Equal(1, exit);
        Assert.Contains("bp.care-plan.tests.yaml(11,", output, StringComparison.Ordinal);
        Assert.Contains("error HE3003: scenario 'just under': expected 'flags' to have 1 entry, got 0", output, StringComparison.Ordinal);
        Assert.EndsWith("1 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Test_APlanWithoutScenarios_HasEveryRuleReportedUntested()
    {
        Write(Plan);
        var (_, output, _) = Cli("test", _folder.Path);
        Assert.Contains("warning HE3008: no scenario", output, StringComparison.Ordinal);
        Assert.Contains("'above'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void APlanFile_IsNotAQuestionnaire_NorItsTestsQuestionnaireScenarios()
    {
        Write(Plan);
        Assert.DoesNotContain(QuestionnaireFile.Expand([_folder.Path]), p => p.Contains("care-plan", StringComparison.Ordinal));
        _folder.Write("bp.care-plan.tests.yaml", "scenarios: []\n");
        Assert.Empty(HistoryEngine.Scenarios.ScenarioSuite.Discover([_folder.Path]).Files);
    }

    [Fact]
    public void ShippedHypertensionPlan_IsClean_AndItsScenariosPass()
    {
        var folder = Path.Combine(TestFiles.RepositoryRoot(), "questionnaires");
        Assert.Empty(CarePlanFile.Load(Path.Combine(folder, "hypertension.care-plan.yaml")).Diagnostics);
        var suite = CarePlanScenarios.Discover([folder]);
        Assert.Empty(suite.Diagnostics);
        var outcomes = suite.RunAll().ToList();
        Assert.True(outcomes.Count >= 10);
        Assert.All(outcomes, o => Assert.Empty(o.Problems));
        Assert.Empty(suite.ThresholdCoverage());
    }
}
