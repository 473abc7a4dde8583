using System.Runtime.CompilerServices;
using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir;

/// <summary>
/// What the FHIR reader knew about an item beyond the definition model: its FHIR type (a quantity is a decimal
/// with a unit to the engine, a time is text) and the kind of value each option had (Coding, string, integer,
/// date), so a response built from the answers uses the types the questionnaire declared; and what export needs to
/// write the item back with the same meaning (its variables, where its option scores were, its value set, its unit
/// and rendering codes). Kept beside the immutable definition, keyed by the definition object, so the model stays
/// format-neutral.
/// </summary>
internal sealed class FhirItemInfo
{
    private static readonly ConditionalWeakTable<ItemDefinition, FhirItemInfo> Table = new();

    public required string FhirType { get; init; }
    /// <summary>Option code to the answerOption value's kind: coding, string, integer, date, time.</summary>
    public Dictionary<string, string> OptionKinds { get; init; } = new(StringComparer.Ordinal);
    /// <summary>The SDC variables declared on this item (every language, those the engine does not evaluate too).</summary>
    public System.Collections.Immutable.ImmutableArray<NamedExpression> Variables { get; init; } = [];
    /// <summary>Option code to the extension its score was given in (ordinalValue or itemWeight) and whether it was on the Coding.</summary>
    public Dictionary<string, (string Url, bool OnCoding)> OptionScores { get; init; } = new(StringComparer.Ordinal);
    /// <summary>The answerValueSet as written, when the options come from it: a contained one, or one the engine could not expand.</summary>
    public string? AnswerValueSet { get; init; }
    /// <summary>An SDC answerExpression, kept (not evaluated) so that export writes it back.</summary>
    public ExpressionSource? AnswerExpression { get; init; }
    /// <summary>The unit as the questionnaire gave it (questionnaire-unit, or the first unitOption).</summary>
    public (string? System, string? Code, string? Display)? Unit { get; init; }
    /// <summary>The questionnaire-itemControl code, as written.</summary>
    public string? ItemControl { get; init; }
    /// <summary>SDC observationExtract on the item, as written (null when absent).</summary>
    public bool? ObservationExtract { get; init; }

    public static void Set(ItemDefinition item, FhirItemInfo info) => Table.AddOrUpdate(item, info);

    public static FhirItemInfo? Get(ItemDefinition item) => Table.TryGetValue(item, out var info) ? info : null;

    /// <summary>The FHIR item type for an item, whether it was read from FHIR or written natively.</summary>
    public static string FhirTypeOf(ItemDefinition item) => Get(item)?.FhirType ?? item.Type switch
    {
        ItemType.Group => "group",
        ItemType.Display => "display",
        ItemType.Boolean => "boolean",
        ItemType.Choice or ItemType.MultipleChoice => "choice",
        ItemType.Integer => "integer",
        ItemType.Decimal => "decimal",
        ItemType.Text => "string",
        ItemType.LongText => "text",
        ItemType.Date => "date",
        _ => "dateTime",
    };
}
