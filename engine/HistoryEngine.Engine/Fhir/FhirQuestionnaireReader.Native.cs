using System.Collections.Immutable;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>
/// The engine's own extensions (see <see cref="EngineExtensions"/>), which a native questionnaire exported to FHIR
/// carries: read back into the same definition, modules included, so that it behaves as the native file does.
/// </summary>
internal sealed partial class FhirQuestionnaireReader
{
    /// <summary>Inside an included module, the module group's linkId and a dot: item ids are linkIds without it.</summary>
    private string _prefix = "";

    /// <summary>The linkIds of the groups that are included modules.</summary>
    private readonly HashSet<string> _moduleGroups = new(StringComparer.Ordinal);

    private string LocalId(string linkId) =>
        _prefix.Length > 0 && linkId.StartsWith(_prefix, StringComparison.Ordinal) && linkId.Length > _prefix.Length ? linkId[_prefix.Length..] : linkId;

    private static IEnumerable<JObject> Parts(JObject extension, string name) =>
        extension["extension"] is JArray a ? a.Items.OfType<JObject>().Where(e => Str(e, "url") == name) : [];

    private static JObject? Part(JObject extension, string name) => Parts(extension, name).FirstOrDefault();

    private static string? PartString(JObject extension, string name) =>
        Part(extension, name) is { } p && ValueOf(p)?.Value is JValue { AsString: { } s } ? s : null;

    private static decimal? PartDecimal(JObject extension, string name) =>
        Part(extension, name) is { } p && ValueOf(p)?.Value is JValue { Value: decimal d } ? d : null;

    /// <summary>The position of the first character of a part's text (one column after the opening quote).</summary>
    private static SourceSpan TextSpan(JObject part)
    {
        var span = ValueOf(part)?.Value.Span ?? part.Span;
        return span with { Column = span.Column + 1 };
    }

    private TemplateSource? PartTemplate(JObject extension, string name) =>
        Part(extension, name) is { } p && ValueOf(p)?.Value is JValue { AsString: { } s } ? new TemplateSource(s, TextSpan(p)) : null;

    private ExpressionSource? PartExpression(JObject extension, string name, string what, bool required)
    {
        if (Part(extension, name) is { } p) return ReadExpression(p, what);
        if (required) Report(extension.Span, Codes.FhirMissing, $"the {what} extension", name);
        return null;
    }

    private string? Required(JObject extension, string name, string what)
    {
        var s = PartString(extension, name);
        if (s is null) Report(extension.Span, Codes.FhirMissing, $"the {what} extension", name);
        return s;
    }

    /// <summary>An entry's codings after its primary one: its "coding" parts, each a valueCoding.</summary>
    private IEnumerable<CodingDefinition> EntryCodings(JObject entry)
    {
        foreach (var part in Parts(entry, "coding"))
        {
            if (ValueOf(part) is not { Name: "valueCoding", Value: JObject coding } || Str(coding, "system") is not { } system || Str(coding, "code") is not { } code)
            {
                Report(part.Span, Codes.FhirMissing, "the coding of an entry extension", "valueCoding with a system and a code");
                continue;
            }
            yield return new CodingDefinition(system, code, Str(coding, "display") ?? code, coding["code"]?.Span ?? coding.Span);
        }
    }

    /// <summary>The engine's expression for an item's enable_when or calculated value, when the item carries one.</summary>
    private ExpressionSource? EngineExpression(JObject item, string url, string what) =>
        Extensions(item, url).Select(e => ReadExpression(e, what)).LastOrDefault(e => e is not null);

    /// <summary>An item's Markdown text (rendering-markdown on its text), else null.</summary>
    private static string? MarkdownText(JObject item) =>
        item["_text"] is JObject text ? Extensions(text, EngineExtensions.RenderingMarkdown).Select(e => (ValueOf(e)?.Value as JValue)?.AsString).LastOrDefault(s => s is not null) : null;

    private static string? Hint(JObject item) =>
        Extensions(item, EngineExtensions.Hint).Select(e => (ValueOf(e)?.Value as JValue)?.AsString).LastOrDefault(s => s is not null);

    /// <summary>Reads the items of a module group with their ids relative to the module, and the module's own definition.</summary>
    private QuestionnaireDefinition ReadModule(JObject item, JObject header, string linkId, SourceSpan span, ImmutableArray<NamedExpression> variables,
        bool? extract, bool inRepeat)
    {
        var outer = _prefix;
        _prefix = linkId + ".";
        var items = item["item"] is JArray children ? ReadItems(children, variables, item, extract, inRepeat) : [];
        _prefix = outer;
        var module = new QuestionnaireDefinition
        {
            Id = PartString(header, "id") ?? LocalId(linkId),
            Version = "0",
            Title = linkId,
            Path = _path,
            Span = span,
            Items = items,
        };
        return WithEngineDefinition(item, module);
    }

    /// <summary>What the engine's extensions on a node (the Questionnaire or a module group) add to its definition.</summary>
    private QuestionnaireDefinition WithEngineDefinition(JObject node, QuestionnaireDefinition d)
    {
        if (Extensions(node, EngineExtensions.Definition).FirstOrDefault() is { } header)
        {
            d = d with
            {
                Id = PartString(header, "id") ?? d.Id,
                Version = PartString(header, "version") ?? d.Version,
                Title = PartString(header, "title") ?? d.Title,
                Intro = PartString(header, "intro") ?? d.Intro,
                IsModule = Part(header, "module") is { } m && ValueOf(m)?.Value is JValue { Value: true },
                Narrative = PartTemplate(header, "narrative"),
            };
        }
        var values = ImmutableArray.CreateBuilder<ValueDefinition>();
        foreach (var e in Extensions(node, EngineExtensions.Value))
            if (Required(e, "name", "value") is { } name && PartExpression(e, "expression", "value", true) is { } expression)
                values.Add(new ValueDefinition(name, expression, e.Span) { Description = PartString(e, "description") });
        var checks = ImmutableArray.CreateBuilder<CheckDefinition>();
        foreach (var e in Extensions(node, EngineExtensions.Check))
        {
            var id = Required(e, "id", "check");
            var assert = PartExpression(e, "assert", "check", true);
            // An empty message is left out of the export (FHIR has no empty strings).
            var message = PartTemplate(e, "message") ?? new TemplateSource("", e.Span);
            if (id is null || assert is null) continue;
            var itemPart = Part(e, "item");
            checks.Add(new CheckDefinition(id, assert, message, e.Span) { Item = PartString(e, "item"), ItemSpan = itemPart is null ? e.Span : TextSpan(itemPart) });
        }
        var rules = ImmutableArray.CreateBuilder<RuleDefinition>();
        foreach (var e in Extensions(node, EngineExtensions.Rule))
        {
            var id = Required(e, "id", "rule");
            var when = PartExpression(e, "when", "rule", true);
            var levelText = Required(e, "level", "rule");
            var level = FlagLevels.Parse(levelText);
            if (levelText is not null && level is null) Report(TextSpan(Part(e, "level")!), Codes.FhirInvalidValue, levelText, "flag level (emergency, urgent, soon, routine)");
            if (id is null || when is null || level is null) continue;
            var source = PartString(e, "source");
            if (source is null) Report(e.Span, Codes.RuleWithoutSource, id);
            rules.Add(new RuleDefinition(id, when, level.Value, e.Span)
            {
                Patient = PartTemplate(e, "patient"), Clinician = PartTemplate(e, "clinician"), Source = source,
            });
        }
        var entries = ImmutableArray.CreateBuilder<EntryDefinition>();
        foreach (var e in Extensions(node, EngineExtensions.Entry))
        {
            var system = Required(e, "system", "entry");
            var code = Required(e, "code", "entry");
            if (system is null || code is null) continue;
            var primary = new CodingDefinition(system, code, PartString(e, "display") ?? code, Part(e, "code") is { } at ? TextSpan(at) : e.Span);
            entries.Add(new EntryDefinition(primary.System, primary.Code, primary.Display, e.Span)
            {
                Codings = [primary, .. EntryCodings(e)],
                Id = PartString(e, "id"),
                Value = PartExpression(e, "value", "entry", false),
                Unit = PartString(e, "unit"),
                When = PartExpression(e, "when", "entry", false),
                Taken = PartExpression(e, "taken", "entry", false),
                Min = PartDecimal(e, "min"),
                Max = PartDecimal(e, "max"),
                Panel = Part(e, "panel") is { } panel && ValueOf(panel) is { Name: "valueCoding", Value: JObject coding }
                        && Str(coding, "system") is { } panelSystem && Str(coding, "code") is { } panelCode
                    ? new CodingDefinition(panelSystem, panelCode, Str(coding, "display") ?? panelCode, TextSpan(panel))
                    : null,
            });
        }
        var pages = ImmutableArray.CreateBuilder<PageDefinition>();
        foreach (var e in Extensions(node, EngineExtensions.Page))
        {
            if (Required(e, "id", "page") is not { } id) continue;
            var items = Parts(e, "item").Select(p => (Id: (ValueOf(p)?.Value as JValue)?.AsString, Span: TextSpan(p))).Where(p => p.Id is not null).ToList();
            var known = d.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (itemId, at) in items.Where(p => !known.Contains(p.Id!)))
                Report(at, Codes.UnknownPageItem, id, itemId);
            pages.Add(new PageDefinition(id, e.Span) { Title = PartString(e, "title"), Section = PartString(e, "section"), Items = [.. items.Select(p => p.Id!)], ItemSpans = [.. items.Select(p => p.Span)] });
        }
        return d with
        {
            Values = values.ToImmutable(), Checks = checks.ToImmutable(), Rules = rules.ToImmutable(),
            Entries = entries.ToImmutable(), Pages = pages.ToImmutable(),
        };
    }
}
