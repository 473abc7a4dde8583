using System.Runtime.CompilerServices;
using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir;

/// <summary>
/// What the FHIR reader knew about an item beyond the definition model: its FHIR type (a quantity is a decimal
/// with a unit to the engine, a time is text) and the kind of value each option had (Coding, string, integer,
/// date), so a response built from the answers uses the types the questionnaire declared. Kept beside the
/// immutable definition, keyed by the definition object, so the model stays format-neutral.
/// </summary>
internal sealed class FhirItemInfo
{
    private static readonly ConditionalWeakTable<ItemDefinition, FhirItemInfo> Table = new();

    public required string FhirType { get; init; }
    /// <summary>Option code to the answerOption value's kind: coding, string, integer, date, time.</summary>
    public Dictionary<string, string> OptionKinds { get; init; } = new(StringComparer.Ordinal);

    public static void Set(ItemDefinition item, FhirItemInfo info) => Table.AddOrUpdate(item, info);

    /// <summary>True for a definition read from FHIR JSON.</summary>
    public static bool IsFhir(QuestionnaireDefinition definition) => definition.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

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
