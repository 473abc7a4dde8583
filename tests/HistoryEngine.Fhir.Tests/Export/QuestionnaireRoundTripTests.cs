using System.Collections.Concurrent;
using System.Globalization;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;
using Xunit.Abstractions;

namespace HistoryEngine.Fhir.Tests.Export;

/// <summary>
/// Every shipped questionnaire, exported as a FHIR Questionnaire and read back, behaves as the native file does:
/// each scenario of its NAME.tests.yaml passes against the re-imported questionnaire, and gives the same result
/// (complete, stopped, enabled, missing, values, flags, entries, error codes, summary) as the native one.
/// Every exported Questionnaire is valid R4 by Firely's validator.
/// </summary>
public sealed class QuestionnaireRoundTripTests(ITestOutputHelper output)
{
    private sealed record Exported(CompiledQuestionnaire Native, string Json, QuestionnaireFile Reimported);

    private static readonly ConcurrentDictionary<string, Lazy<Exported>> Cache = new(StringComparer.Ordinal);

    /// <summary>The shipped questionnaires that are not modules (modules are exported inside those that include them).</summary>
    public static TheoryData<string> Questionnaires()
    {
        var names = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(TestFiles.Questionnaires, "*.yaml").Where(QuestionnaireLoader.IsQuestionnaireFile).Order(StringComparer.Ordinal))
        {
            var definition = QuestionnaireLoader.Load(path, new DiagnosticBag());
            if (definition is { IsModule: false }) names.Add(Path.GetFileName(path));
        }
        return names;
    }

    private static Exported Export(string name) => Cache.GetOrAdd(name, n => new Lazy<Exported>(() =>
    {
        var native = QuestionnaireFile.Load(Path.Combine(TestFiles.Questionnaires, n));
        Assert.True(native.Compiled is not null, TestFiles.Codes(native.Diagnostics));
        var json = FhirExport.Questionnaire(native.Compiled!);
        return new Exported(native.Compiled!, json, TestFiles.LoadJson(json));
    })).Value;

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Exported_IsValidR4(string name)
    {
        var errors = FhirValidation.Errors(Export(name).Json);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Exported_ReadsBack_WithoutAnyDiagnostic(string name)
    {
        var e = Export(name);
        Assert.True(e.Reimported.Diagnostics.Count == 0, TestFiles.Codes(e.Reimported.Diagnostics));
        var back = e.Reimported.Compiled!;
        Assert.Equal(e.Native.Id, back.Id);
        Assert.Equal(e.Native.Version, back.Version);
        Assert.Equal(e.Native.Title, back.Title);
        Assert.Equal(e.Native.ItemIds, back.ItemIds);
        Assert.Equal(e.Native.Pages.Select(p => $"{p.Id}({p.Title}):{string.Join(",", p.ItemIds)}"),
            back.Pages.Select(p => $"{p.Id}({p.Title}):{string.Join(",", p.ItemIds)}"));
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Exported_ReadsBack_ToTheSameBehaviour_InEveryScenario(string name)
    {
        var e = Export(name);
        Assert.NotNull(e.Reimported.Compiled);
        var scenarios = Path.Combine(TestFiles.Questionnaires, Path.ChangeExtension(name, null) + ".tests.yaml");
        var bag = new DiagnosticBag();
        var file = ScenarioReader.Read(scenarios, bag);
        Assert.True(file is not null && !bag.HasErrors, TestFiles.Codes(bag.Items));
        Assert.NotEmpty(file!.Scenarios);
        var failures = new List<string>();
        var passed = 0;
        foreach (var scenario in file.Scenarios)
        {
            var outcome = ScenarioRunner.Run(file, scenario, e.Reimported.Compiled!);
            var differences = Differences(Result(e.Native, scenario), Result(e.Reimported.Compiled!, scenario));
            if (outcome.Passed && differences.Count == 0) passed++;
            failures.AddRange(outcome.Failures.Concat(differences).Select(f => $"{scenario.Name}: {f}"));
        }
        output.WriteLine($"{name}: {passed} of {file.Scenarios.Length} scenarios passed after the round trip");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// The enableWhen written beside the engine's own enable_when says the same thing: with the engine's extension
    /// taken off every item that has an enableWhen, each scenario still gives the same result as the native file.
    /// </summary>
    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void TranslatedEnableWhen_Alone_GivesTheSameBehaviour(string name)
    {
        var e = Export(name);
        var root = System.Text.Json.Nodes.JsonNode.Parse(e.Json)!;
        var translated = 0;
        void Strip(System.Text.Json.Nodes.JsonArray? items)
        {
            foreach (var item in items ?? [])
            {
                if (item!["enableWhen"] is not null && item["extension"] is System.Text.Json.Nodes.JsonArray extensions)
                {
                    var own = extensions.Where(x => (string?)x!["url"] == EngineExtensions.EnableWhen).ToList();
                    foreach (var x in own) extensions.Remove(x);
                    translated += own.Count;
                }
                Strip(item["item"] as System.Text.Json.Nodes.JsonArray);
            }
        }
        Strip(root["item"] as System.Text.Json.Nodes.JsonArray);
        var reimported = TestFiles.LoadJson(root.ToJsonString());
        Assert.True(reimported.Compiled is not null, TestFiles.Codes(reimported.Diagnostics));
        var bag = new DiagnosticBag();
        var file = ScenarioReader.Read(Path.Combine(TestFiles.Questionnaires, Path.ChangeExtension(name, null) + ".tests.yaml"), bag)!;
        var failures = file.Scenarios.SelectMany(s => Differences(Result(e.Native, s), Result(reimported.Compiled!, s)).Select(f => $"{s.Name}: {f}")).ToList();
        output.WriteLine($"{name}: {translated} enable_when conditions as enableWhen alone, {file.Scenarios.Length} scenarios compared");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static SessionResult Result(CompiledQuestionnaire q, Scenario scenario)
    {
        var session = q.CreateSession(new FixedClock(scenario.Now ?? new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero)));
        session.SetAnswers(scenario.Answers);
        return session.Result();
    }

    private static List<string> Differences(SessionResult native, SessionResult back)
    {
        var differences = new List<string>();
        void Same(string what, object expected, object actual)
        {
            if (!Equals(expected, actual)) differences.Add($"{what}: native {expected}, after the round trip {actual}");
        }
        static string Join<T>(IEnumerable<T> items) => string.Join(" | ", items);
        static string Show(object? v) => v switch
        {
            null => "null",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            string[] codes => "[" + string.Join(",", codes) + "]",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };
        Same("complete", native.Complete, back.Complete);
        Same("stopped", native.Stopped, back.Stopped);
        Same("enabled", Join(native.Enabled), Join(back.Enabled));
        Same("missing", Join(native.Missing), Join(back.Missing));
        Same("values", Join(native.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Show(v.Value)}")),
            Join(back.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Show(v.Value)}")));
        Same("flags", Join(native.Flags), Join(back.Flags));
        static string Entry(ProposedEntry x) => $"{x with { Value = Show(x.Value) }} codings {string.Join("+", x.Codings)}";
        Same("entries", Join(native.Entries.Select(Entry)), Join(back.Entries.Select(Entry)));
        Same("errors", Join(native.Errors.Select(x => $"{x.Item} {x.Code}")), Join(back.Errors.Select(x => $"{x.Item} {x.Code}")));
        Same("summary", native.Summary, back.Summary);
        Same("answers", native.AnswersJson, back.AnswersJson);
        return differences;
    }
}
