using System.Collections.Immutable;
using HistoryEngine.Definitions;
using HistoryEngine.Definitions.Yaml;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.CarePlans;

/// <summary>
/// Reads a care plan file (YAML, <c>kind: care-plan</c>) into a <see cref="CarePlanDefinition"/>, reporting every
/// structural problem with its position. Values and rules are read exactly as a questionnaire's are.
/// </summary>
internal sealed class CarePlanReader(string path, DiagnosticBag diagnostics)
{
    private static readonly string[] TopKeys =
        ["kind", "id", "version", "title", "intro", "codes", "starts", "values", "steps", "target", "diary", "review", "rules", "messages", "information"];
    private static readonly string[] CodeKeys = ["name", "system", "code", "display", "unit", "min", "max"];
    private static readonly string[] StepKeys = ["id", "title", "about", "done", "source"];
    private static readonly string[] TargetKeys = ["systolic", "diastolic", "text", "source"];
    private static readonly string[] DiaryKeys = ["questionnaire", "systolic", "diastolic", "interval_weeks", "due", "above_target", "source"];
    private static readonly string[] ReviewKeys = ["questionnaire", "due", "assign_days_before", "overdue_days_after", "source"];
    private static readonly string[] MessageKeys = ["id", "when", "text", "source"];
    private static readonly string[] PageKeys = ["id", "title", "text", "red_flags"];
    private static readonly string[] RedFlagKeys = ["questionnaire", "rules"];

    private readonly YamlQuestionnaireReader _shared = new(path, diagnostics, (_, _) => null, (_, _) => null);
    private readonly Dictionary<string, SourceSpan> _ids = new(StringComparer.Ordinal);

    public CarePlanDefinition? Read(YNode root)
    {
        var f = new CheckedMapping(root, "the care plan", TopKeys, diagnostics);
        if (!f.IsMapping) return null;
        if (f.String("kind") != "care-plan")
            diagnostics.Report(f.Has("kind") ? f.ValueSpan("kind") : f.Span, Codes.CarePlanNotAPlan,
                f.String("kind") is { } kind ? $", not 'kind: {kind}'" : "");
        var id = f.RequiredString("id");
        var codes = ReadCodes(f.List("codes"));
        return new CarePlanDefinition
        {
            Id = id, Version = f.RequiredString("version"), Title = f.String("title") ?? id, Intro = f.String("intro"),
            Path = path, Span = f.Span,
            Codes = codes,
            Starts = _shared.RequiredExpression(f, "starts", "the care plan"),
            Values = [.. f.List("values").Select(_shared.ReadValue).OfType<ValueDefinition>()],
            Steps = [.. f.List("steps").Select(ReadStep).OfType<CarePlanStepDefinition>()],
            Target = f.Node("target") is { } t ? ReadTarget(t) : null,
            Diary = f.Node("diary") is { } d ? ReadDiary(d, codes) : null,
            Review = f.Node("review") is { } r ? ReadReview(r) : null,
            Rules = [.. f.List("rules").Select(_shared.ReadRule).OfType<RuleDefinition>()],
            Messages = [.. f.List("messages").Select(ReadMessage).OfType<CarePlanMessageDefinition>()],
            Information = [.. f.List("information").Select(ReadPage).OfType<CarePlanPageDefinition>()],
        };
    }

    private ImmutableArray<CarePlanCode> ReadCodes(IReadOnlyList<YNode> nodes)
    {
        var codes = ImmutableArray.CreateBuilder<CarePlanCode>();
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var f = new CheckedMapping(node, "a code", CodeKeys, diagnostics);
            if (!f.IsMapping) continue;
            var name = f.RequiredString("name");
            var code = new CarePlanCode(name, f.RequiredString("system"), f.RequiredString("code"), f.RequiredString("display"), f.ValueSpan("name"))
            {
                Unit = f.String("unit"), Min = f.Number("min"), Max = f.Number("max"),
            };
            CheckValue(f, code);
            if (name.Length == 0) continue;
            if (name.Contains('|')) diagnostics.Report(code.Span, Codes.CarePlanBadCode, name, "cannot hold '|': that marks a 'system|code'");
            else if (seen.TryGetValue(name, out var first)) diagnostics.Report(code.Span, Codes.CarePlanBadCode, name, $"is already declared at line {first.Line}");
            else seen[name] = code.Span;
            codes.Add(code);
        }
        return codes.ToImmutable();
    }

    /// <summary>A code's value: a unit is one word (UCUM, as an entry's), and a range needs a unit and goes upwards.</summary>
    private void CheckValue(CheckedMapping f, CarePlanCode code)
    {
        if (code.Unit is { } unit && (unit.Length == 0 || unit.Any(char.IsWhiteSpace)))
            diagnostics.Report(f.ValueSpan("unit"), Codes.CarePlanCodeValue, code.Name, $"has the unit '{unit}': write a UCUM unit with no spaces, like mmol/mol");
        foreach (var key in new[] { "min", "max" }.Where(k => f.Has(k) && code.Unit is null))
            diagnostics.Report(f.KeySpan(key), Codes.CarePlanCodeValue, code.Name, $"has '{key}' but no 'unit': only a code that takes a number has a range");
        if (code.Min > code.Max)
            diagnostics.Report(f.KeySpan("min"), Codes.CarePlanCodeValue, code.Name, $"has min {code.Min} above max {code.Max}");
    }

    private string RequiredSource(CheckedMapping f, string what, string id)
    {
        var source = f.String("source");
        if (string.IsNullOrWhiteSpace(source)) diagnostics.Report(f.Has("id") ? f.KeySpan("id") : f.Span, Codes.CarePlanWithoutSource, what, id);
        return source ?? "";
    }

    private void UniqueId(string id, SourceSpan span)
    {
        if (id.Length == 0) return;
        if (_ids.TryGetValue(id, out var first)) diagnostics.Report(span, Codes.DuplicateId, id, first.Line);
        else _ids[id] = span;
    }

    private CarePlanStepDefinition? ReadStep(YNode node)
    {
        var f = new CheckedMapping(node, "a step", StepKeys, diagnostics);
        if (!f.IsMapping) return null;
        var id = f.RequiredString("id");
        UniqueId(id, f.KeySpan("id"));
        return new CarePlanStepDefinition(id, f.RequiredString("title"), _shared.RequiredExpression(f, "done", $"the step '{id}'"),
            RequiredSource(f, "the step", id), f.KeySpan("id")) { About = f.String("about") };
    }

    private CarePlanTargetDefinition? ReadTarget(YNode node)
    {
        var f = new CheckedMapping(node, "the target", TargetKeys, diagnostics);
        if (!f.IsMapping) return null;
        var text = f.Template("text");
        if (text is null) diagnostics.Report(f.Span, Codes.MissingKey, "the target", "text");
        return new CarePlanTargetDefinition(_shared.RequiredExpression(f, "systolic", "the target"), _shared.RequiredExpression(f, "diastolic", "the target"),
            text ?? new TemplateSource("", f.Span), RequiredSource(f, "the", "target"), f.Span);
    }

    private CarePlanDiaryDefinition? ReadDiary(YNode node, ImmutableArray<CarePlanCode> codes)
    {
        var f = new CheckedMapping(node, "the diary", DiaryKeys, diagnostics);
        if (!f.IsMapping) return null;
        string CodeName(string key)
        {
            var name = f.RequiredString(key);
            if (name.Length > 0 && codes.All(c => c.Name != name))
            {
                var near = Suggestions.Nearest(name, codes.Select(c => c.Name));
                diagnostics.Report(f.ValueSpan(key), Codes.CarePlanUnknownCode, name, near is null ? "" : $"; did you mean '{near}'?");
            }
            return name;
        }
        return new CarePlanDiaryDefinition(f.RequiredString("questionnaire"), CodeName("systolic"), CodeName("diastolic"),
            _shared.RequiredExpression(f, "interval_weeks", "the diary"), _shared.RequiredExpression(f, "due", "the diary"),
            _shared.RequiredExpression(f, "above_target", "the diary"), RequiredSource(f, "the", "diary"), f.Span)
        { QuestionnaireSpan = f.ValueSpan("questionnaire") };
    }

    private CarePlanReviewDefinition? ReadReview(YNode node)
    {
        var f = new CheckedMapping(node, "the review", ReviewKeys, diagnostics);
        if (!f.IsMapping) return null;
        return new CarePlanReviewDefinition(f.RequiredString("questionnaire"), _shared.RequiredExpression(f, "due", "the review"),
            f.Int("assign_days_before") ?? 0, f.Int("overdue_days_after") ?? 0, RequiredSource(f, "the", "review"), f.Span)
        { QuestionnaireSpan = f.ValueSpan("questionnaire") };
    }

    private CarePlanMessageDefinition? ReadMessage(YNode node)
    {
        var f = new CheckedMapping(node, "a message", MessageKeys, diagnostics);
        if (!f.IsMapping) return null;
        var id = f.RequiredString("id");
        UniqueId(id, f.KeySpan("id"));
        var text = f.Template("text");
        if (text is null) diagnostics.Report(f.Span, Codes.MissingKey, $"the message '{id}'", "text");
        return new CarePlanMessageDefinition(id, _shared.RequiredExpression(f, "when", $"the message '{id}'"), text ?? new TemplateSource("", f.Span),
            RequiredSource(f, "the message", id), f.KeySpan("id"));
    }

    private CarePlanPageDefinition? ReadPage(YNode node)
    {
        var f = new CheckedMapping(node, "an information page", PageKeys, diagnostics);
        if (!f.IsMapping) return null;
        var id = f.RequiredString("id");
        UniqueId(id, f.KeySpan("id"));
        CarePlanRedFlagsDefinition? redFlags = null;
        if (f.Node("red_flags") is { } r)
        {
            var g = new CheckedMapping(r, "red_flags", RedFlagKeys, diagnostics);
            if (g.IsMapping)
                redFlags = new CarePlanRedFlagsDefinition(g.RequiredString("questionnaire"),
                    [.. g.List("rules").OfType<YScalar>().Select(s => (s.Value, s.Span))], g.ValueSpan("questionnaire"));
        }
        return new CarePlanPageDefinition(id, f.RequiredString("title"), f.RequiredString("text"), f.KeySpan("id")) { RedFlags = redFlags };
    }
}
