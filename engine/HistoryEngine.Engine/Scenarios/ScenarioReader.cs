using System.Collections.Immutable;
using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Definitions.Yaml;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Scenarios;

/// <summary>
/// Reads scenario files (<c>NAME.tests.yaml</c>, beside <c>NAME.yaml</c>). Problems in the file itself are
/// diagnostics like any other file's, so a typo in an expectation is never a silently passing test.
/// </summary>
public static class ScenarioReader
{
    private static readonly string[] TopKeys = ["questionnaire", "scenarios"];
    private static readonly string[] ScenarioKeys = ["name", "now", "patient", "threshold", "under", "answers", "expect"];
    private static readonly string[] ExpectKeys =
        ["complete", "stopped", "enabled", "disabled", "missing", "flags", "values", "entries", "errors", "summary", "summary_contains", "summary_excludes"];

    /// <summary>A questionnaire's scenario file; a care plan's (<c>NAME.care-plan.tests.yaml</c>) is read by <see cref="CarePlans.CarePlanScenarios"/>.</summary>
    public static bool IsScenarioFile(string path) =>
        (path.EndsWith(".tests.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tests.yml", StringComparison.OrdinalIgnoreCase))
        && !CarePlans.CarePlanScenarios.IsCarePlanScenarioFile(path);

    public static ScenarioFile? Read(string path, DiagnosticBag diagnostics)
    {
        var text = QuestionnaireLoader.ReadText(path, SourceSpan.None, diagnostics);
        if (text is null) return null;
        var root = YamlReader.Read(path, text, diagnostics);
        if (root is null) return null;
        var f = new CheckedMapping(root, "the scenario file", TopKeys, diagnostics);
        var name = System.IO.Path.GetFileName(path);
        var defaultTarget = name[..name.IndexOf(".tests.", StringComparison.OrdinalIgnoreCase)] + ".yaml";
        var target = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", f.String("questionnaire") ?? defaultTarget);
        if (!File.Exists(target)) diagnostics.Report(f.Has("questionnaire") ? f.KeySpan("questionnaire") : f.Span, Codes.ScenarioQuestionnaireMissing, target);
        // A mistake inside one scenario fails that scenario, at its position; the others still run.
        var scenarios = f.List("scenarios").Select(ReadScenario).ToImmutableArray();
        return new ScenarioFile(path, target, scenarios);
    }

    private static Scenario ReadScenario(YNode node)
    {
        var diagnostics = new DiagnosticBag();
        var scenario = ReadScenario(node, diagnostics);
        return scenario with { Problems = [.. diagnostics.Sorted()] };
    }

    private static Scenario ReadScenario(YNode node, DiagnosticBag diagnostics)
    {
        var f = new CheckedMapping(node, "a scenario", ScenarioKeys, diagnostics);
        var name = f.RequiredString("name");
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var answers = f.Node("answers") is { } a ? YamlJson.ToJson(a, spans) : JsonDocument.Parse("{}").RootElement.Clone();
        DateTimeOffset? now = null;
        if (f.Scalar("now") is { } n)
        {
            // ISO-8601 only, as UK local time: the clock reads it back as the wall-clock time written.
            if (Runtime.IsoTime.ParseLocal(n.Value, out var problem) is { } t) now = new DateTimeOffset(t, TimeSpan.Zero);
            else diagnostics.Report(n.Span, Codes.NotIsoTime, problem);
        }
        var scenario = new Scenario(name, f.IsMapping ? f.KeySpan("name") : node.Span, answers)
        {
            Now = now, Patient = ReadPatient(f.Node("patient"), diagnostics), AnswerSpans = spans.ToImmutableDictionary(StringComparer.Ordinal),
            AtThreshold = RuleNames(f, "threshold", diagnostics), UnderThreshold = RuleNames(f, "under", diagnostics),
        };
        if (f.Node("expect") is not { } expectNode) return scenario;
        var e = new CheckedMapping(expectNode, "the expectations", ExpectKeys, diagnostics);
        ImmutableArray<string>? Names(string key) => e.Has(key) ? [.. e.List(key).OfType<YScalar>().Select(s => s.Value)] : null;
        return scenario with
        {
            Complete = e.Has("complete") ? e.Bool("complete") : null,
            Stopped = e.Has("stopped") ? e.Bool("stopped") : null,
            Enabled = Names("enabled"), Disabled = Names("disabled"), Missing = Names("missing"), Flags = Names("flags"),
            Values = e.Node("values") is YMapping values
                ? values.Entries.ToImmutableDictionary(p => p.Key.Value, p => YamlJson.ToJson(p.Value))
                : null,
            Entries = e.Has("entries") ? [.. e.List("entries").Select(x => ReadEntry(x, diagnostics))] : null,
            Errors = e.Has("errors") ? [.. e.List("errors").Select(x => ReadError(x, diagnostics))] : null,
            Summary = e.String("summary"),
            SummaryContains = Names("summary_contains") ?? [],
            SummaryExcludes = Names("summary_excludes") ?? [],
        };
    }

    /// <summary><c>threshold: emergency</c> or <c>threshold: [emergency, sepsis]</c>: rule ids, one or a list.</summary>
    private static ImmutableArray<string> RuleNames(CheckedMapping f, string key, DiagnosticBag diagnostics)
    {
        switch (f.Node(key))
        {
            case null: return [];
            case YScalar s: return [s.Value];
            case YSequence list:
                foreach (var n in list.Items.Where(n => n is not YScalar))
                    diagnostics.Report(n.Span, Codes.WrongNodeKind, key, "a rule id", n.KindName);
                return [.. list.Items.OfType<YScalar>().Select(s => s.Value)];
            case var other:
                diagnostics.Report(other.Span, Codes.WrongNodeKind, key, "a rule id or a list of rule ids", other.KindName);
                return [];
        }
    }

    /// <summary><c>patient: {date_of_birth: 1970-03-27, sex: female}</c>: each mistake at its own key or value.</summary>
    private static Runtime.PatientContext ReadPatient(YNode? node, DiagnosticBag diagnostics)
    {
        var context = Runtime.PatientContext.None;
        if (node is null) return context;
        if (node is not YMapping map)
        {
            diagnostics.Report(node.Span, Codes.WrongNodeKind, "patient", "a mapping such as {date_of_birth: 1970-03-27, sex: female}", node.KindName);
            return context;
        }
        foreach (var (key, value) in map.Entries)
        {
            string? text = value switch
            {
                YScalar { Plain: true, Value: "" or "null" or "~" } => null,
                YScalar s => s.Value,
                _ => "",
            };
            if (value is not YScalar) diagnostics.Report(value.Span, Codes.WrongNodeKind, key.Value, "a single value", value.KindName);
            else if (context.With(key.Value, text, out var problem) is { } next) context = next;
            else diagnostics.Report(Runtime.PatientContext.Keys.Contains(key.Value) ? value.Span : key.Span, Codes.PatientContextInvalid, problem);
        }
        return context;
    }

    private static ExpectedEntry ReadEntry(YNode node, DiagnosticBag diagnostics)
    {
        var f = new CheckedMapping(node, "an expected entry", ["code", "value", "codings", "taken"], diagnostics);
        return new ExpectedEntry(f.RequiredString("code"), f.Node("value") is { } v ? YamlJson.ToJson(v) : null)
        {
            Codings = f.Has("codings") ? [.. f.List("codings").Select(c => ReadCoding(c, diagnostics)).OfType<ExpectedCoding>()] : null,
            Taken = f.String("taken"),
        };
    }

    /// <summary>A coding as its code alone, or as a mapping with the code and, optionally, its system and display.</summary>
    private static ExpectedCoding? ReadCoding(YNode node, DiagnosticBag diagnostics)
    {
        if (node is YScalar s) return new ExpectedCoding(s.Value, null, null);
        var f = new CheckedMapping(node, "an expected coding", ["system", "code", "display"], diagnostics);
        return f.IsMapping ? new ExpectedCoding(f.RequiredString("code"), f.String("system"), f.String("display")) : null;
    }

    private static ExpectedError ReadError(YNode node, DiagnosticBag diagnostics)
    {
        var f = new CheckedMapping(node, "an expected error", ["item", "code"], diagnostics);
        return new ExpectedError(f.String("item") ?? "", f.RequiredString("code"));
    }
}
