using System.Collections.Immutable;
using System.Globalization;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>What the reader knows about a linkId before the items are read: enableWhen may point forwards.</summary>
internal sealed record ItemFacts(string LinkId, string FhirType, ItemType Type, bool Repeats, SourceSpan Span, ImmutableArray<OptionDefinition> Options, JObject Node);

internal sealed partial class FhirQuestionnaireReader
{
    private void CollectLinkIds(JArray items)
    {
        foreach (var item in items.Items.OfType<JObject>())
        {
            if (Str(item, "linkId") is { } linkId)
            {
                var span = item.Property("linkId")!.Span;
                if (_linkIds.TryGetValue(linkId, out var first))
                    Report(span, Codes.FhirDuplicateLinkId, linkId, first.Span.Line);
                else
                {
                    var fhirType = Str(item, "type") ?? "";
                    var repeats = (item["repeats"] as JValue)?.Value is true;
                    var (type, options) = TypeAndOptions(item, fhirType, repeats, report: false);
                    _linkIds[linkId] = new ItemFacts(linkId, fhirType, type, repeats, span, options, item);
                    if (fhirType == "group" && Extensions(item, EngineExtensions.Definition).Any()) _moduleGroups.Add(linkId);
                }
            }
            if (item["item"] is JArray children) CollectLinkIds(children);
        }
    }

    /// <summary>Reads a list of items; <c>extract</c> is the observationExtract flag from above, <c>inRepeat</c> true inside a repeating group.</summary>
    private ImmutableArray<ItemDefinition> ReadItems(JArray items, ImmutableArray<NamedExpression> variables, JObject? parent, bool? extract = null, bool inRepeat = false)
    {
        var result = ImmutableArray.CreateBuilder<ItemDefinition>();
        foreach (var node in items.Items)
        {
            if (node is not JObject item)
            {
                Report(node.Span, Codes.FhirWrongKind, "item", "an object", node.Kind);
                continue;
            }
            if (ReadItem(item, variables, parent, extract, inRepeat) is { } definition) result.Add(definition);
        }
        return result.ToImmutable();
    }

    private ItemDefinition? ReadItem(JObject item, ImmutableArray<NamedExpression> outerVariables, JObject? parent, bool? inheritedExtract, bool inRepeat)
    {
        CheckElements(item, FhirElements.Item, "Questionnaire.item");
        var linkIdProperty = item.Property("linkId");
        if (linkIdProperty?.Value is not JValue { AsString: { Length: > 0 } linkId })
        {
            Report(item.Span, Codes.FhirMissing, "an item", "linkId");
            return null;
        }
        // A second item with a linkId already used was reported when the linkIds were collected.
        if (_linkIds.TryGetValue(linkId, out var facts) && facts.Node != item) return null;
        var typeProperty = item.Property("type");
        var fhirType = Str(item, "type");
        if (fhirType is null)
        {
            Report(item.Span, Codes.FhirMissing, $"the item '{linkId}'", "type");
            return null;
        }
        if (fhirType is "question" or "coding")
        {
            Report(typeProperty!.Value.Span, Codes.FhirWrongVersion, $"the item type '{fhirType}'", "R5", "");
            return null;
        }
        if (!FhirElements.ItemTypes.Contains(fhirType))
        {
            Report(typeProperty!.Value.Span, Codes.FhirInvalidValue, fhirType, "R4 item type");
            return null;
        }
        var span = linkIdProperty.Span;
        var repeats = Bool(item, "repeats");
        var (type, options) = TypeAndOptions(item, fhirType, repeats, report: true);
        var ownVariables = ReadVariables(item, linkId, outerVariables);
        var variables = outerVariables.AddRange(ownVariables);

        var text = MarkdownText(item) ?? Str(item, "text");
        if (Str(item, "prefix") is { } prefix) text = text is null ? prefix : $"{prefix} {text}";
        var definition = new ItemDefinition(LocalId(linkId), type, span)
        {
            Text = text,
            Required = Bool(item, "required"),
            Repeats = repeats && type == ItemType.Group,
            ReadOnly = Bool(item, "readOnly"),
            Options = options,
            Codes = Codings(item["code"]),
        };
        definition = Limits(item, definition, linkId, fhirType);
        definition = Expressions(item, definition, variables, linkId);
        definition = Initial(item, definition, linkId, fhirType);
        definition = Hidden(item, definition, linkId);
        if (Hint(item) is { } hint) definition = definition with { Hint = hint };
        var itemControl = ReadItemControl(item, linkId, type, repeats, parent is null && _prefix.Length == 0);
        var extract = ReadObservationExtract(item, definition, linkId, inheritedExtract, inRepeat);
        if (repeats && type is not (ItemType.Group or ItemType.MultipleChoice))
            Report(item.Property("repeats")!.Span, Codes.FhirApproximated,
                $"'{linkId}' is a repeating {fhirType} question: the engine keeps one answer for it (only choice questions and groups repeat)");
        if (type == ItemType.Group && Extensions(item, EngineExtensions.Definition).FirstOrDefault() is { } module)
        {
            var inner = ReadModule(item, module, linkId, span, variables, extract, inRepeat || definition.Repeats);
            definition = definition with { Module = inner, Items = inner.Items };
        }
        else if (item["item"] is JArray children)
        {
            if (type == ItemType.MultipleChoice)
                Report(item.Property("item")!.Span, Codes.FhirApproximated, $"the items under the repeating choice '{linkId}' are asked once, not once for each answer");
            definition = definition with { Items = ReadItems(children, variables, item, extract, inRepeat || definition.Repeats) };
        }
        if (type == ItemType.Group && definition.Items.IsEmpty)
            Report(span, Codes.FhirUnsupported, $"the group '{linkId}' has no items");
        FhirItemInfo.Set(definition, new FhirItemInfo
        {
            FhirType = fhirType, OptionKinds = OptionKinds(item), Variables = ownVariables, OptionScores = OptionScores(item),
            AnswerValueSet = WrittenValueSet(item, definition), AnswerExpression = AnswerExpression(item), Unit = UnitCoding(item),
            ItemControl = itemControl, ObservationExtract = Extensions(item, FhirElements.ObservationExtract).Select(e => (ValueOf(e)?.Value as JValue)?.Value as bool?).FirstOrDefault(),
        });
        ReadExtensions(item, "item", [.. EngineExtensions.OnItem, FhirElements.Variable, FhirElements.CalculatedExpression, FhirElements.EnableWhenExpression,
            FhirElements.MinOccurs, FhirElements.MaxOccurs, FhirElements.Unit, FhirElements.UnitOption, FhirElements.MinValue,
            FhirElements.MaxValue, FhirElements.MaxDecimalPlaces, FhirElements.EntryFormat, FhirElements.InitialExpression, FhirElements.Hidden, FhirElements.AnswerExpression, ItemControlUrl, FhirElements.ObservationExtract]);
        return definition;
    }

    private static bool Bool(JObject o, string name) => (o[name] as JValue)?.Value is true;

    /// <summary>The engine type of an item and its options, from its FHIR type, repeats, answerOption and answerValueSet.</summary>
    private (ItemType, ImmutableArray<OptionDefinition>) TypeAndOptions(JObject item, string fhirType, bool repeats, bool report)
    {
        var linkId = Str(item, "linkId") ?? "";
        switch (fhirType)
        {
            case "group": return (ItemType.Group, []);
            case "display": return (ItemType.Display, []);
            case "boolean": return (ItemType.Boolean, []);
            case "decimal" or "quantity": return (ItemType.Decimal, []);
            case "integer": return (ItemType.Integer, []);
            case "date": return (ItemType.Date, []);
            case "dateTime": return (ItemType.DateTime, []);
            case "string" or "url": return (ItemType.Text, []);
            case "text": return (ItemType.LongText, []);
            case "time":
                if (report) Report(item.Property("type")!.Value.Span, Codes.FhirApproximated, $"'{linkId}' is a time item: the engine takes it as text such as 14:30:00");
                return (ItemType.Text, []);
            case "attachment" or "reference":
                if (report) Report(item.Property("type")!.Value.Span, Codes.FhirUnsupported, $"'{linkId}' is {(fhirType == "attachment" ? "an" : "a")} {fhirType} item, which the engine cannot ask: it is shown as text only");
                return (ItemType.Display, []);
        }
        // choice and open-choice
        var options = Options(item, report, out var external);
        if (options.IsEmpty)
        {
            // R4 allows a choice whose options come from elsewhere (a value set not in the file, an expression, a
            // calculation): it is asked as free text, so nothing is refused; an external value set already said so.
            if (report && !external) Report(item.Property("type")!.Value.Span, Codes.FhirApproximated, WhyNoOptions(item, linkId, fhirType));
            return (ItemType.Text, []);
        }
        if (report && fhirType == "open-choice") Report(item.Property("type")!.Value.Span, Codes.FhirOpenChoice, linkId);
        return (repeats ? ItemType.MultipleChoice : ItemType.Choice, options);
    }

    private static string WhyNoOptions(JObject item, string linkId, string fhirType)
    {
        if (Extensions(item, FhirElements.AnswerExpression).Any())
            return $"'{linkId}' takes its options from an answerExpression, which the engine does not work out: it is asked as free text";
        if (Extensions(item, FhirElements.CalculatedExpression).Any() || Extensions(item, EngineExtensions.Calculated).Any())
            return $"'{linkId}' is a calculated {fhirType} with no options: its value is kept as a code";
        return item.Property("answerValueSet") is null
            ? $"'{linkId}' is {(fhirType == "choice" ? "a" : "an")} {fhirType} item with no answerOption or answerValueSet: it is asked as free text"
            : $"the value set of '{linkId}' offers no codes here: it is asked as free text";
    }

    private ImmutableArray<OptionDefinition> Options(JObject item, bool report, out bool external)
    {
        external = false;
        var linkId = Str(item, "linkId") ?? "";
        var result = ImmutableArray.CreateBuilder<OptionDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(OptionDefinition option)
        {
            if (seen.Add(option.Code)) result.Add(option);
            else if (report) Report(option.Span, Codes.FhirUnsupported, $"the option code '{option.Code}' is used twice in '{linkId}'; the second is left out");
        }
        if (item["answerOption"] is JArray answerOptions)
        {
            foreach (var o in answerOptions.Items.OfType<JObject>())
            {
                if (report) CheckElements(o, FhirElements.AnswerOption, "Questionnaire.item.answerOption");
                if (report) ReadExtensions(o, "answerOption", FhirPath.OrdinalValueUrl, FhirPath.ItemWeightUrl, EngineExtensions.OptionExclusive);
                var exclusive = Extensions(o, EngineExtensions.OptionExclusive).Any(e => ValueOf(e)?.Value is JValue { Value: true });
                var value = o.Properties.FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal));
                if (value is null) { if (report) Report(o.Span, Codes.FhirMissing, "an answerOption", "value[x]"); continue; }
                var score = Score(o) ?? (value.Value is JObject c ? Score(c) : null);
                switch (value.Name, value.Value)
                {
                    // A Coding with a display but no code (R4 allows it) is offered by its display.
                    case ("valueCoding", JObject coding) when (Str(coding, "code") ?? Str(coding, "display")) is { } code:
                        if (report) ReadExtensions(coding, "Coding", FhirPath.OrdinalValueUrl, FhirPath.ItemWeightUrl);
                        // A display-only option has no code to check: its position is the Coding's.
                        Add(new OptionDefinition(code, Str(coding, "display") ?? code, value.Span) { System = Str(coding, "system"), Score = score, Exclusive = exclusive, CodeSpan = coding["code"]?.Span ?? coding.Span });
                        break;
                    case ("valueString" or "valueDate" or "valueTime", JValue { AsString: { } s }):
                        Add(new OptionDefinition(s, s, value.Span) { Score = score, Exclusive = exclusive });
                        break;
                    case ("valueInteger", JValue { Value: decimal i }):
                        var text = i.ToString(CultureInfo.InvariantCulture);
                        Add(new OptionDefinition(text, text, value.Span) { Score = score, Exclusive = exclusive });
                        break;
                    default:
                        if (report) Report(value.Span, Codes.FhirUnsupported, $"the answerOption {value.Name} of '{linkId}' cannot be offered and is left out");
                        break;
                }
            }
        }
        var valueSetProperty = item.Property("answerValueSet");
        if (valueSetProperty?.Value is JValue { AsString: { } valueSet })
        {
            if ((_valueSets.GetValueOrDefault(valueSet) ?? LocalValueSet(valueSet)) is { } vs) foreach (var o in ValueSetOptions(vs, report)) Add(o);
            else if (valueSet.StartsWith('#'))
            {
                if (report) Report(valueSetProperty.Value.Span, Codes.FhirValueSetNotContained, valueSet);
            }
            else
            {
                if (report) Report(valueSetProperty.Value.Span, Codes.FhirExternalValueSet, valueSet, linkId);
                external = result.Count == 0;
            }
        }
        return result.ToImmutable();
    }

    private IEnumerable<OptionDefinition> ValueSetOptions(JObject vs, bool report)
    {
        if (vs["expansion"] is JObject expansion && expansion["contains"] is JArray contains)
        {
            foreach (var c in contains.Items.OfType<JObject>())
                if (Str(c, "code") is { } code)
                    yield return new OptionDefinition(code, Str(c, "display") ?? code, c.Span) { System = Str(c, "system"), Score = Score(c) };
            yield break;
        }
        if (vs["compose"] is not JObject compose || compose["include"] is not JArray includes) yield break;
        foreach (var include in includes.Items.OfType<JObject>())
        {
            var system = Str(include, "system");
            if (include["concept"] is not JArray concepts)
            {
                if (report) Report(include.Span, Codes.FhirUnsupported, $"the contained value set includes all of '{system}', which cannot be expanded offline; it offers no options from it");
                continue;
            }
            foreach (var c in concepts.Items.OfType<JObject>())
                if (Str(c, "code") is { } code)
                    yield return new OptionDefinition(code, Str(c, "display") ?? code, c.Span) { System = system, Score = Score(c) };
        }
    }

    private static decimal? Score(JObject o)
    {
        foreach (var url in new[] { FhirPath.OrdinalValueUrl, FhirPath.ItemWeightUrl })
            foreach (var e in Extensions(o, url))
                if (ValueOf(e)?.Value is JValue { Value: decimal d }) return d;
        return null;
    }

    private static Dictionary<string, string> OptionKinds(JObject item)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item["answerOption"] is not JArray options) return kinds;
        foreach (var o in options.Items.OfType<JObject>())
        {
            var value = o.Properties.FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal));
            var kind = value?.Name switch { "valueString" => "string", "valueInteger" => "integer", "valueDate" => "date", "valueTime" => "time", _ => null };
            if (kind is not null && value!.Value is JValue v) kinds.TryAdd(v.Raw, kind);
            else if (value?.Value is JObject coding && Str(coding, "code") is null && Str(coding, "display") is { } display) kinds.TryAdd(display, "display");
        }
        return kinds;
    }

    private ImmutableArray<OptionDefinition> Codings(JNode? node)
    {
        if (node is not JArray codings) return [];
        return [.. codings.Items.OfType<JObject>().Where(c => Str(c, "code") is not null)
            .Select(c => new OptionDefinition(Str(c, "code")!, Str(c, "display") ?? Str(c, "code")!, c.Span) { System = Str(c, "system"), CodeSpan = c["code"]!.Span })];
    }
}
