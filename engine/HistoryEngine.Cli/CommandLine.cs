using System.Globalization;
using System.Text.Json;
using HistoryEngine.CarePlans;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Cli;

/// <summary>
/// The <c>historyengine</c> authoring tool: <c>check</c>, <c>run</c> and <c>test</c>. Exit codes follow the
/// architecture contract: 0 clean, 1 errors or failures, 2 a wrong command line or an unreadable input.
/// </summary>
internal static partial class CommandLine
{
    public const int Ok = 0, Failed = 1, Usage = 2;

    private const string Help = """
        usage: historyengine <command> [arguments]

          check PATH...                                  check questionnaire and care plan files or folders
          run FILE --answers ANSWERS.json [--now TIME] [--patient PATIENT.json] [--format json|fhir]
                                                         (TIME: ISO-8601 UK local time, such as 2026-03-01T08:00)
                                                         evaluate one set of answers, print the result JSON
                                                         (fhir: a transaction Bundle with the response and entries;
                                                         --patient: what the practice knows, as a file or inline
                                                         JSON such as '{"date_of_birth": "1970-03-27", "sex": "female"}',
                                                         or a "patient" key in the answers file)
          run PLAN.care-plan.yaml --record RECORD [--today DATE]
                                                         work out a care plan for one record (JSON or YAML:
                                                         today, patient, entries, submissions), print its state JSON
          test PATH... [--matrix FILE]                   run the scenario tests (*.tests.yaml) found there
                                                         (--matrix: also write the red-flag matrix, Markdown)
          fhir export FILE                               print the questionnaire as a FHIR R4 Questionnaire (JSON)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                (args.Length == 0 ? error : output).WriteLine(Help);
                return args.Length == 0 ? Usage : Ok;
            }
            return args[0] switch
            {
                "check" => Check(args[1..], output, error),
                "run" => RunAnswers(args[1..], output, error),
                "test" => Test(args[1..], output, error),
                "fhir" => FhirCommand(args[1..], output, error),
                _ => Fail(error, $"historyengine: unknown command '{args[0]}'; try 'historyengine --help'"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, $"historyengine: {e.Message}");
        }
        catch (Exception e)
        {
            // A bug in the engine: one line, as every other failure, never a stack trace for the author.
            error.WriteLine($"historyengine: internal error ({e.GetType().Name}: {e.Message}); please report it with the file that caused it");
            return Failed;
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Usage;
    }

    private static int Check(string[] paths, TextWriter output, TextWriter error)
    {
        if (paths.Length == 0) return Fail(error, "historyengine check: name at least one file or folder");
        var missing = paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null) return Fail(error, $"historyengine check: '{missing}' does not exist");
        var files = QuestionnaireFile.LoadAll(paths);
        var plans = CarePlanFile.Expand(paths).Select(CarePlanFile.Load).ToList();
        int errors = 0, warnings = 0;
        // A module is checked on its own and again in each file that includes it: report a problem at one place once.
        var seen = new HashSet<(Diagnostics.SourceSpan, string)>();
        foreach (var d in files.SelectMany(f => f.Diagnostics).Concat(plans.SelectMany(p => p.Diagnostics)))
        {
            if (!seen.Add((d.Span, d.Code))) continue;
            output.WriteLine(d.ToString());
            if (d.IsError) errors++;
            else warnings++;
        }
        var count = files.Count + plans.Count;
        error.WriteLine($"{count} file{(count == 1 ? "" : "s")} checked: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}");
        var silenced = files.SelectMany(f => f.ReviewOnlyItems()).Select(i => i.Span).Distinct().Count();
        if (silenced > 0)
            error.WriteLine($"{silenced} question{(silenced == 1 ? " is" : "s are")} marked review_only: the answer{(silenced == 1 ? "" : "s")} change{(silenced == 1 ? "s" : "")} no flag, value or entry, and only the clinician reads {(silenced == 1 ? "it" : "them")}");
        return errors > 0 ? Failed : Ok;
    }

    private static int RunAnswers(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && CarePlanFile.IsCarePlanFile(args[0])) return RunCarePlan(args, output, error);
        string? file = null, answersPath = null, now = null, patient = null, format = "json";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--answers" when i + 1 < args.Length: answersPath = args[++i]; break;
                case "--now" when i + 1 < args.Length: now = args[++i]; break;
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                case "--patient" when i + 1 < args.Length: patient = args[++i]; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    return Fail(error, $"historyengine run: unknown or incomplete option '{a}'");
                case var a when file is null: file = a; break;
                default: return Fail(error, $"historyengine run: unexpected argument '{args[i]}'");
            }
        }
        if (file is null || answersPath is null) return Fail(error, "usage: historyengine run FILE --answers ANSWERS.json [--now 2026-03-01T08:00] [--patient PATIENT.json] [--format json|fhir]");
        if (format is not ("json" or "fhir")) return Fail(error, $"historyengine run: --format is json or fhir, not '{format}'");
        if (!File.Exists(file)) return Fail(error, $"historyengine run: '{file}' does not exist");
        if (!File.Exists(answersPath)) return Fail(error, $"historyengine run: '{answersPath}' does not exist");

        TimeProvider clock = TimeProvider.System;
        if (now is not null)
        {
            // ISO-8601 only, UK local time: 10/03/2026 is refused, never read as 3 October.
            if (IsoTime.ParseLocal(now, out var problem) is not { } local)
                return Fail(error, $"historyengine run: --now: error HE3007: {problem}");
            clock = new FixedClock(new DateTimeOffset(local, TimeSpan.Zero));
        }

        JsonDocument answers;
        try
        {
            answers = JsonDocument.Parse(File.ReadAllText(answersPath), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"({line + 1},{(e.BytePositionInLine ?? 0) + 1})" : "";
            return Fail(error, $"{answersPath}{where}: error: the answers are not valid JSON: {e.Message.Split(" Path:")[0]}");
        }
        if (answers.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = answers.RootElement.ValueKind.ToString().ToLowerInvariant();
            answers.Dispose();
            return Fail(error, $"{answersPath}(1,1): error: the answers must be a JSON object keyed by item id, not {kind}");
        }

        var q = QuestionnaireFile.Load(file);
        foreach (var d in q.Diagnostics) error.WriteLine(d.ToString());
        if (q.Compiled is null) { answers.Dispose(); return Failed; }
        using (answers)
        {
            // A "patient" key holds the patient's context, unless the questionnaire has an item of that name (a FHIR linkId).
            var contextKey = q.Compiled.GetItem(PatientKey) is null && answers.RootElement.TryGetProperty(PatientKey, out var inFile) ? inFile : (JsonElement?)null;
            if (contextKey is not null && patient is not null)
                return Fail(error, $"historyengine run: give the patient's context once: {answersPath} has a \"{PatientKey}\" key, and --patient was given too");
            var context = PatientContext.None;
            if (contextKey is { } json && !TryReadPatient(json, answersPath, error, out context)) return Usage;
            if (patient is not null && !TryReadPatientOption(patient, error, out context)) return Usage;
            var session = q.Compiled.CreateSession(clock, context);
            foreach (var answer in answers.RootElement.EnumerateObject())
                if (contextKey is null || answer.Name != PatientKey) session.SetAnswer(answer.Name, answer.Value);
            var result = session.Result();
            output.WriteLine(format == "fhir" ? Fhir.FhirExport.Bundle(result, q.Compiled, clock: clock) : ResultJson.Write(result));
        }
        return Ok;
    }

    private const string PatientKey = "patient";

    private static bool TryReadPatient(JsonElement json, string where, TextWriter error, out PatientContext context)
    {
        var problems = new List<string>();
        context = PatientContext.FromJson(json, problems);
        foreach (var p in problems) error.WriteLine($"{where}: error HE3004: {p}");
        return problems.Count == 0;
    }

    /// <summary><c>--patient</c>: inline JSON (it starts with a brace) or the path of a JSON file.</summary>
    private static bool TryReadPatientOption(string option, TextWriter error, out PatientContext context)
    {
        context = PatientContext.None;
        var inline = option.TrimStart().StartsWith('{');
        if (!inline && !File.Exists(option))
        {
            error.WriteLine($"historyengine run: '{option}' does not exist (--patient takes a JSON file, or JSON such as '{{\"sex\": \"female\"}}')");
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(inline ? option : File.ReadAllText(option));
            return TryReadPatient(doc.RootElement, inline ? "--patient" : option, error, out context);
        }
        catch (JsonException e)
        {
            error.WriteLine($"{(inline ? "--patient" : option)}: error: the patient's context is not valid JSON: {e.Message.Split(" Path:")[0]}");
            return false;
        }
    }

    private static int FhirCommand(string[] args, TextWriter output, TextWriter error)
    {
        const string usage = "usage: historyengine fhir export FILE";
        if (args.Length == 0 || args[0] != "export") return Fail(error, args.Length == 0 ? usage : $"historyengine fhir: unknown command '{args[0]}'; {usage}");
        if (args.Length != 2 || args[1].StartsWith("--", StringComparison.Ordinal)) return Fail(error, usage);
        var file = args[1];
        if (!File.Exists(file)) return Fail(error, $"historyengine fhir export: '{file}' does not exist");
        var q = QuestionnaireFile.Load(file);
        foreach (var d in q.Diagnostics) error.WriteLine(d.ToString());
        if (q.Compiled is null) return Failed;
        output.WriteLine(HistoryEngine.Fhir.FhirExport.Questionnaire(q.Compiled));
        return Ok;
    }

    private static int Test(string[] args, TextWriter output, TextWriter error)
    {
        string? matrix = null;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--matrix")
            {
                if (i + 1 >= args.Length) return Fail(error, "historyengine test: --matrix needs the file to write, such as --matrix docs/red-flag-matrix.md");
                matrix = args[++i];
            }
            else paths.Add(args[i]);
        }
        if (paths.Count == 0) return Fail(error, "historyengine test: name at least one file or folder");
        var missing = paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null) return Fail(error, $"historyengine test: '{missing}' does not exist");
        var suite = ScenarioSuite.Discover(paths);
        var plans = CarePlanScenarios.Discover(paths);
        foreach (var d in suite.Diagnostics.Concat(plans.Diagnostics)) output.WriteLine(d.ToString());
        int passed = 0, failed = suite.Diagnostics.Concat(plans.Diagnostics).Count(d => d.IsError);
        foreach (var outcome in suite.RunAll())
        {
            if (outcome.Passed) { passed++; continue; }
            failed++;
            var s = outcome.Scenario;
            foreach (var f in outcome.Problems)
                output.WriteLine($"{f.Span}: error {f.Code}: scenario '{s.Name}': {f.Message}");
        }
        foreach (var outcome in plans.RunAll())
        {
            if (outcome.Passed) { passed++; continue; }
            failed++;
            foreach (var f in outcome.Problems)
                output.WriteLine($"{f.Span}: error {f.Code}: scenario '{outcome.Scenario.Name}': {f.Message}");
        }
        var uncovered = suite.ThresholdCoverage().Concat(plans.ThresholdCoverage()).ToList();
        foreach (var d in uncovered) output.WriteLine(d.ToString());
        // The last line stays "N passed, N failed" (the CLI contract); untested thresholds are counted just before it.
        if (uncovered.Count > 0) output.WriteLine($"{uncovered.Count} rule threshold{(uncovered.Count == 1 ? "" : "s")} untested (HE3008, HE3009)");
        if (matrix is not null)
            File.WriteAllText(matrix, RedFlagMatrix.Build(suite, $"historyengine test {string.Join(' ', paths)} --matrix {matrix}"));
        output.WriteLine($"{passed} passed, {failed} failed");
        return failed > 0 || passed == 0 ? Failed : Ok;
    }
}
