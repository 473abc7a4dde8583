using System.Collections.Immutable;
using System.Globalization;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>
/// Reads FHIR R4 Questionnaire JSON into the definition model, with every diagnostic at the line and column of
/// the JSON property at fault. enableWhen becomes an expression in the engine's own language (so it is checked and
/// evaluated like any other); SDC expressions stay FHIRPath. It never throws for a bad file.
/// See docs/fhir.md for what is supported.
/// </summary>
internal sealed partial class FhirQuestionnaireReader
{
    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, JObject> _valueSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemFacts> _linkIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SourceSpan First, int Count)> _ignoredExtensions = new(StringComparer.Ordinal);
    private ImmutableArray<NamedExpression> _rootVariables = [];
    private readonly Func<string, string?>? _readSide;
    private readonly Dictionary<string, JObject?> _localValueSets = new(StringComparer.Ordinal);

    private FhirQuestionnaireReader(string path, DiagnosticBag diagnostics, Func<string, string?>? readSide)
    {
        _path = path;
        _diagnostics = diagnostics;
        _readSide = readSide;
    }

    /// <summary>Reads a Questionnaire; <c>readSide</c> reads a file beside it (a ValueSet it names), or gives null when there is none.</summary>
    public static QuestionnaireDefinition? Read(string path, string text, DiagnosticBag diagnostics, Func<string, string?>? readSide = null)
    {
        var root = JsonTree.Parse(path, text, diagnostics);
        if (root is null) return null;
        return new FhirQuestionnaireReader(path, diagnostics, readSide).ReadRoot(root, text);
    }

    private void Report(SourceSpan at, DiagnosticDescriptor descriptor, params object?[] args) => _diagnostics.Report(at, descriptor, args);

    private QuestionnaireDefinition? ReadRoot(JNode root, string text)
    {
        if (root is not JObject q)
        {
            Report(root.Span, Codes.FhirNotAQuestionnaire, $"a FHIR resource is a JSON object, not {root.Kind}");
            return null;
        }
        var resourceType = q.Property("resourceType");
        if (resourceType?.Value is not JValue { AsString: { } type })
        {
            Report(q.Span, Codes.FhirNotAQuestionnaire, "this is not a FHIR resource: it has no 'resourceType'");
            return null;
        }
        if (type != "Questionnaire")
        {
            Report(resourceType.Value.Span, Codes.FhirNotAQuestionnaire, $"this is a FHIR {type}, not a Questionnaire");
            return null;
        }
        var before = _diagnostics.Count;
        CheckElements(q, FhirElements.Questionnaire, "Questionnaire");
        if (_diagnostics.Items.Skip(before).Any(d => d.Code == Codes.FhirWrongVersion.Code)) return null;
        if (q.Property("implicitRules") is { } rules) Report(rules.Span, Codes.FhirModifierExtension, "implicitRules");
        if (q["status"] is null) Report(q.Span, Codes.FhirUnsupported, "the Questionnaire has no 'status' (required in R4); it is read anyway");

        ReadContained(q);
        ReadLaunchContexts(q);
        _rootVariables = ReadVariables(q, null, []);
        ReadExtensions(q, "Questionnaire", [FhirElements.Variable, FhirElements.LaunchContext, FhirElements.ObservationExtract, .. EngineExtensions.OnDefinition]);
        var items = q["item"] is JArray array ? array : null;
        if (q["item"] is { } notArray && items is null) Report(notArray.Span, Codes.FhirWrongKind, "item", "an array", notArray.Kind);
        if (items is not null) CollectLinkIds(items);
        var extractAll = ReadObservationExtract(q, null, null, null, false);
        var definitions = items is null ? [] : ReadItems(items, _rootVariables, null, extractAll);

        foreach (var (url, (first, count)) in _ignoredExtensions)
            Report(first, Codes.FhirUnknownExtension, url, count == 1 ? "" : $" ({count} times in the file)");

        var id = Str(q, "id") ?? Str(q, "name") ?? System.IO.Path.GetFileNameWithoutExtension(_path);
        var definition = WithEngineDefinition(q, new QuestionnaireDefinition
        {
            Id = id,
            Version = Str(q, "version") ?? "0",
            Title = Str(q, "title") ?? Str(q, "name") ?? id,
            Path = _path,
            Span = q.Span,
            Items = definitions,
        });
        var pages = PagesFromItemControl(definitions);
        if (definition.Pages.IsEmpty && !pages.IsEmpty) definition = definition with { Pages = pages };
        if (_extracted.Count > 0) definition = definition with { Entries = definition.Entries.AddRange(_extracted) };
        if (_searchesObservations) definition = definition with { SearchesRecord = true };
        FhirQuestionnaireInfo.Set(definition, new FhirQuestionnaireInfo
        {
            Url = Str(q, "url"), Version = Str(q, "version"), LaunchContexts = _launchContexts.ToImmutable(), Variables = _rootVariables,
            PagesFromItemControl = !pages.IsEmpty, ExtractedEntries = [.. _extracted.Select(e => e.Id!)], ObservationExtract = extractAll,
        });
        return definition;
    }

    private static string? Str(JObject o, string name) => (o[name] as JValue)?.AsString;

    /// <summary>Unknown elements are errors; elements of another FHIR version say which version they are from.</summary>
    private void CheckElements(JObject o, HashSet<string> known, string what)
    {
        foreach (var p in o.Properties)
        {
            if (known.Contains(p.Name) || p.Name.StartsWith('_')) continue;
            if (FhirElements.R5Markers.TryGetValue(p.Name, out var r5) || FhirElements.Stu3Markers.TryGetValue(p.Name, out r5))
                Report(p.Span, Codes.FhirWrongVersion, $"'{p.Name}'", r5, "");
            else Report(p.Span, Codes.FhirUnknownElement, p.Name, what);
        }
        if (o.Property("modifierExtension") is { Value: JArray modifiers })
            foreach (var m in modifiers.Items.OfType<JObject>())
                Report(m.Property("url")?.Span ?? m.Span, Codes.FhirModifierExtension, Str(m, "url") ?? "(no url)");
    }

    private void ReadContained(JObject q)
    {
        if (q["contained"] is not JArray contained) return;
        foreach (var r in contained.Items.OfType<JObject>())
        {
            var type = Str(r, "resourceType");
            if (type == "ValueSet" && Str(r, "id") is { } id) _valueSets["#" + id] = r;
            else Report(r.Span, Codes.FhirUnsupported, $"the contained {type ?? "resource"} '{Str(r, "id")}' is not used by the engine and is ignored");
        }
    }

    /// <summary>
    /// A value set the questionnaire names by its canonical url, from a file beside it named after the url's last
    /// part (<c>ValueSet-ID.json</c> or <c>ID.json</c>) whose url is the same: a local expansion, read offline.
    /// </summary>
    private JObject? LocalValueSet(string canonical)
    {
        if (_readSide is null || canonical.StartsWith('#')) return null;
        if (_localValueSets.TryGetValue(canonical, out var known)) return known;
        var url = canonical.Split('|')[0];
        var id = url.TrimEnd('/').Split('/')[^1];
        JObject? found = null;
        if (id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || c == '.') && !id.Contains("..", StringComparison.Ordinal))
            foreach (var name in new[] { $"ValueSet-{id}.json", $"{id}.json" })
            {
                if (_readSide(name) is not { } text) continue;
                if (JsonTree.Parse(name, text, new DiagnosticBag()) is JObject vs && Str(vs, "resourceType") == "ValueSet" && Str(vs, "url") == url)
                {
                    found = vs;
                    break;
                }
            }
        return _localValueSets[canonical] = found;
    }

    /// <summary>Remembers an extension the engine does not use, to report it once per URL with a count.</summary>
    private void Ignore(string url, SourceSpan at)
    {
        _ignoredExtensions[url] = _ignoredExtensions.TryGetValue(url, out var seen) ? (seen.First, seen.Count + 1) : (at, 1);
    }

    /// <summary>Reports every extension on a node that is not in <paramref name="understood"/>.</summary>
    private void ReadExtensions(JObject o, string where, params string[] understood)
    {
        if (o["extension"] is not JArray extensions) return;
        foreach (var e in extensions.Items.OfType<JObject>())
        {
            var url = Str(e, "url") ?? "";
            if (!understood.Contains(url)) Ignore(url, e.Property("url")?.Span ?? e.Span);
        }
    }

    private static IEnumerable<JObject> Extensions(JObject o, string url) =>
        o["extension"] is JArray a ? a.Items.OfType<JObject>().Where(e => Str(e, "url") == url) : [];

    private static JProperty? ValueOf(JObject extension) => extension.Properties.FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal));

    /// <summary>The Expression in an SDC extension: FHIRPath (or the engine's own language), else a warning.</summary>
    private ExpressionSource? ReadExpression(JObject extension, string what)
    {
        if (ValueOf(extension) is not { Name: "valueExpression", Value: JObject expr })
        {
            Report(extension.Span, Codes.FhirMissing, $"the {what} extension", "valueExpression");
            return null;
        }
        var language = Str(expr, "language");
        var textProperty = expr.Property("expression");
        if (textProperty?.Value is not JValue { AsString: { } text })
        {
            Report(expr.Span, Codes.FhirMissing, $"the {what} expression", "expression");
            return null;
        }
        // Inside a JSON string the expression starts one column after the opening quote.
        var at = textProperty.Value.Span with { Column = textProperty.Value.Span.Column + 1 };
        if (language == FhirElements.EngineLanguage) return new ExpressionSource(text, at);
        if (language != FhirPath.Language)
        {
            Report(expr.Property("language")?.Span ?? expr.Span, Codes.FhirUnsupported, $"the {what} is written in '{language}'; only text/fhirpath is evaluated, so it is ignored");
            return null;
        }
        return new ExpressionSource(text, at) { Language = FhirPath.Language };
    }
}
