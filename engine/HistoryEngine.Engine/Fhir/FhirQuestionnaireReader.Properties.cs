using System.Collections.Immutable;
using System.Globalization;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

internal sealed partial class FhirQuestionnaireReader
{
    /// <summary>maxLength, and the limits SDC and core extensions give: units, ranges, decimal places, occurrences.</summary>
    private ItemDefinition Limits(JObject item, ItemDefinition d, string linkId, string fhirType)
    {
        if (item.Property("maxLength") is { } maxLength)
        {
            if (d.Type is ItemType.Text or ItemType.LongText && maxLength.Value is JValue { Value: decimal n }) d = d with { MaxLength = (int)n };
            else Report(maxLength.Span, Codes.FhirUnsupported, $"maxLength on the {fhirType} item '{linkId}' is not supported and is ignored");
        }
        foreach (var (url, isMin) in new[] { (FhirElements.MinValue, true), (FhirElements.MaxValue, false) })
            foreach (var e in Extensions(item, url))
            {
                if (d.Type is ItemType.Integer or ItemType.Decimal && ValueOf(e)?.Value is JValue { Value: decimal limit })
                    d = isMin ? d with { Min = limit } : d with { Max = limit };
                else Report(e.Span, Codes.FhirUnsupported, $"{(isMin ? "minValue" : "maxValue")} on '{linkId}' is only supported on numbers and is ignored");
            }
        foreach (var e in Extensions(item, FhirElements.MaxDecimalPlaces))
            if (ValueOf(e)?.Value is JValue { Value: decimal places }) d = d with { DecimalPlaces = (int)places };
        foreach (var e in Extensions(item, FhirElements.Unit))
            if (ValueOf(e)?.Value is JObject coding) d = d with { Unit = Str(coding, "code") ?? Str(coding, "display") };
        var unitOptions = Extensions(item, FhirElements.UnitOption).ToList();
        if (unitOptions.Count > 0 && d.Unit is null && ValueOf(unitOptions[0])?.Value is JObject first)
        {
            d = d with { Unit = Str(first, "code") ?? Str(first, "display") };
            if (unitOptions.Count > 1)
                Report(unitOptions[1].Span, Codes.FhirApproximated, $"'{linkId}' offers {unitOptions.Count} units; the engine asks in the first, {d.Unit}");
        }
        foreach (var e in Extensions(item, FhirElements.MinOccurs))
            if (ValueOf(e)?.Value is JValue { Value: decimal min })
            {
                if (d.Repeats) d = d with { MinCount = (int)min, Required = d.Required || min > 0 };
                else if (min > 0) d = d with { Required = true };
            }
        foreach (var e in Extensions(item, EngineExtensions.MinCount))
            if (d.Repeats && ValueOf(e)?.Value is JValue { Value: decimal minCount }) d = d with { MinCount = (int)minCount };
        foreach (var e in Extensions(item, EngineExtensions.EntryName))
            if (d.Repeats && ValueOf(e)?.Value is JValue { AsString: { } entryName }) d = d with { EntryName = entryName };
        foreach (var e in Extensions(item, EngineExtensions.MissingMessage))
            if (ValueOf(e)?.Value is JValue { AsString: { } missing }) d = d with { MissingMessage = missing };
        foreach (var e in Extensions(item, FhirElements.MaxOccurs))
            if (ValueOf(e)?.Value is JValue { Value: decimal max })
            {
                if (d.Repeats) d = d with { MaxCount = (int)max };
                else Report(e.Span, Codes.FhirUnsupported, $"maxOccurs on '{linkId}' is only supported on repeating groups and is ignored");
            }
        foreach (var e in Extensions(item, FhirElements.EntryFormat))
            if (ValueOf(e)?.Value is JValue { AsString: { } format }) d = d with { Hint = format };
        return d;
    }

    /// <summary>calculatedExpression, enableWhenExpression and enableWhen (translated into the engine's language).</summary>
    private ItemDefinition Expressions(JObject item, ItemDefinition d, ImmutableArray<NamedExpression> variables, string linkId)
    {
        // The engine's own expressions come first: the SDC ones beside them are their translation for other tools.
        if (EngineExpression(item, EngineExtensions.Calculated, "calculated") is { } engineCalculated) d = d with { Calculated = engineCalculated };
        else
            foreach (var e in Extensions(item, FhirElements.CalculatedExpression))
                if (ReadExpression(e, "calculatedExpression") is { } calculated)
                    d = d with { Calculated = Checked(calculated with { Variables = variables }) };
        foreach (var e in Extensions(item, FhirElements.InitialExpression))
            if (ReadExpression(e, "initialExpression") is { } initial)
            {
                if (initial.Language is null || d.Type is ItemType.Group or ItemType.Display)
                    Report(e.Span, Codes.FhirUnsupported, $"the initialExpression of '{linkId}' is only read in FHIRPath on a question: the item starts empty");
                else d = d with { InitialExpression = Checked(initial with { Variables = variables }) };
            }
        if (EngineExpression(item, EngineExtensions.EnableWhen, "enableWhen") is { } engineEnableWhen) return d with { EnableWhen = engineEnableWhen };
        ExpressionSource? enableWhenExpression = null;
        foreach (var e in Extensions(item, FhirElements.EnableWhenExpression))
            if (ReadExpression(e, "enableWhenExpression") is { } expression) enableWhenExpression = Checked(expression with { Variables = variables });
        var enableWhen = item.Property("enableWhen");
        if (enableWhen is not null && enableWhenExpression is not null)
            Report(enableWhen.Span, Codes.FhirUnsupported, $"'{linkId}' has both enableWhen and an enableWhenExpression; the expression is used");
        else if (enableWhen is not null) d = d with { EnableWhen = TranslateEnableWhen(item, enableWhen, linkId) };
        if (enableWhenExpression is not null) d = d with { EnableWhen = enableWhenExpression };
        return d;
    }

    /// <summary>initial[x] and answerOption.initialSelected, as the engine's initial answer.</summary>
    private ItemDefinition Initial(JObject item, ItemDefinition d, string linkId, string fhirType)
    {
        var values = new List<string>();
        if (item["initial"] is JArray initials)
        {
            foreach (var initial in initials.Items.OfType<JObject>())
            {
                CheckElements(initial, FhirElements.Initial, "Questionnaire.item.initial");
                var value = initial.Properties.FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal));
                if (value is null) continue;
                if (InitialValue(d, fhirType, value) is { } v) values.Add(v);
                else Report(value.Span, Codes.FhirInitialMismatch, linkId, $"a {value.Name[5..]}{(value.Value is JObject { } o && o["value"] is null && value.Name == "valueQuantity" ? " without a value" : "")}", $"a {fhirType} item");
            }
        }
        if (item["answerOption"] is JArray options)
            foreach (var o in options.Items.OfType<JObject>().Where(o => Bool(o, "initialSelected")))
                if (o.Properties.FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal))?.Value is { } v)
                    values.Add(v is JObject c ? Str(c, "code") ?? "" : ((JValue)v).Raw);
        if (values.Count == 0) return d;
        if (d.Type is ItemType.Choice or ItemType.MultipleChoice)
        {
            var unknown = values.Where(v => !d.Options.Any(o => o.Code == v)).ToList();
            if (unknown.Count > 0)
                Report(item.Property("initial")?.Span ?? item.Span, Codes.FhirInitialMismatch, linkId, $"'{string.Join("', '", unknown)}'", "its options (an open-choice answer is read as a choice)");
            values = values.Except(unknown).ToList();
            if (values.Count == 0) return d;
        }
        if (d.Type == ItemType.MultipleChoice) return d with { Initial = values.ToArray() };
        if (values.Count > 1)
            Report(item.Property("initial")?.Span ?? item.Span, Codes.FhirApproximated, $"'{linkId}' has {values.Count} initial values but takes one answer; the first is used");
        return d with { Initial = values[0] };
    }

    private static string? InitialValue(ItemDefinition d, string fhirType, JProperty value) => (value.Name, value.Value, d.Type) switch
    {
        ("valueBoolean", JValue v, ItemType.Boolean) => v.Raw,
        ("valueDecimal" or "valueInteger", JValue v, ItemType.Decimal or ItemType.Integer) => v.Raw,
        ("valueQuantity", JObject q, ItemType.Decimal) when q["value"] is JValue v => v.Raw,
        ("valueDate", JValue v, ItemType.Date) => v.AsString,
        ("valueDateTime", JValue { AsString: { } s }, ItemType.DateTime) => DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && s.Contains('T', StringComparison.Ordinal)
            ? t.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : null,
        ("valueString", JValue v, ItemType.Text or ItemType.LongText) when fhirType is not "time" => v.AsString,
        ("valueTime", JValue v, ItemType.Text) when fhirType == "time" => v.AsString,
        ("valueUri", JValue v, ItemType.Text) when fhirType == "url" => v.AsString,
        ("valueCoding", JObject c, ItemType.Choice or ItemType.MultipleChoice or ItemType.Text) when fhirType is "choice" or "open-choice" => Str(c, "code"),
        ("valueString" or "valueInteger" or "valueDate" or "valueTime", JValue v, ItemType.Choice or ItemType.MultipleChoice) => v.Raw,
        _ => null,
    };
}
