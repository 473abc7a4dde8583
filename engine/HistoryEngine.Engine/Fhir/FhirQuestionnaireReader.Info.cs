using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir;

/// <summary>What <see cref="FhirItemInfo"/> keeps of an item for export: how its options, value set and unit were written.</summary>
internal sealed partial class FhirQuestionnaireReader
{
    /// <summary>For each option with a score: the extension it was given in and whether it was on the Coding.</summary>
    private static Dictionary<string, (string Url, bool OnCoding)> OptionScores(JObject item)
    {
        var scores = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        if (item["answerOption"] is not JArray options) return scores;
        foreach (var o in options.Items.OfType<JObject>())
        {
            var value = o.Properties.FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal));
            var code = value?.Value switch { JObject c => Str(c, "code") ?? Str(c, "display"), JValue v => v.Raw, _ => null };
            if (code is null) continue;
            foreach (var url in new[] { FhirPath.OrdinalValueUrl, FhirPath.ItemWeightUrl })
            {
                if (Extensions(o, url).Any()) scores.TryAdd(code, (url, false));
                else if (value!.Value is JObject coding && Extensions(coding, url).Any()) scores.TryAdd(code, (url, true));
            }
        }
        return scores;
    }

    /// <summary>The answerValueSet to write back: a contained one, or one whose codes the engine could not read.</summary>
    private string? WrittenValueSet(JObject item, ItemDefinition d) =>
        Str(item, "answerValueSet") is { } vs && (vs.StartsWith('#') || d.Options.IsEmpty || LocalValueSet(vs) is null) && item["answerOption"] is null ? vs : null;

    private static ExpressionSource? AnswerExpression(JObject item) =>
        Extensions(item, FhirElements.AnswerExpression).Select(e => ValueOf(e)?.Value as JObject)
            .Where(x => x is not null && Str(x, "expression") is not null)
            .Select(x => new ExpressionSource(Str(x!, "expression")!, x!.Span) { Language = Str(x!, "language") ?? "" }).FirstOrDefault();

    private static (string?, string?, string?)? UnitCoding(JObject item)
    {
        var unit = Extensions(item, FhirElements.Unit).Concat(Extensions(item, FhirElements.UnitOption)).Select(e => ValueOf(e)?.Value as JObject).FirstOrDefault(c => c is not null);
        return unit is null ? null : (Str(unit, "system"), Str(unit, "code"), Str(unit, "display"));
    }
}
