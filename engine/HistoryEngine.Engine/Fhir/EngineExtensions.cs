namespace HistoryEngine.Fhir;

/// <summary>
/// The engine's own FHIR extensions, which carry what a native questionnaire says and FHIR cannot (the engine's
/// expressions, named values, checks, rules, entries, pages, the narrative, included modules) through a
/// Questionnaire, so that it reads back to the same behaviour. Each is described in docs/fhir.md.
/// </summary>
internal static class EngineExtensions
{
    /// <summary>On the Questionnaire and on a group that is an included module: id, version, title, intro, module, narrative.</summary>
    public const string Definition = FhirElements.Engine + "definition";
    /// <summary>A named calculated value: name, expression, description.</summary>
    public const string Value = FhirElements.Engine + "value";
    /// <summary>A validation check: id, item, assert, message.</summary>
    public const string Check = FhirElements.Engine + "check";
    /// <summary>A rule: id, when, level, patient, clinician, source.</summary>
    public const string Rule = FhirElements.Engine + "rule";
    /// <summary>A proposed record entry: id, system, code, display (its primary coding), value, unit, when, and a "coding" (valueCoding) for each further coding.</summary>
    public const string Entry = FhirElements.Engine + "entry";
    /// <summary>A page: id, title, item (repeated).</summary>
    public const string Page = FhirElements.Engine + "page";
    /// <summary>On an item: its enable_when in the engine's language (valueExpression).</summary>
    public const string EnableWhen = FhirElements.Engine + "enableWhen";
    /// <summary>On an item: its calculated expression in the engine's language (valueExpression).</summary>
    public const string Calculated = FhirElements.Engine + "calculated";
    /// <summary>On an item: its hint, in Markdown (valueMarkdown).</summary>
    public const string Hint = FhirElements.Engine + "hint";
    /// <summary>
    /// On a repeating group that is not required: the least number of instances once any is given (valueInteger).
    /// R4's questionnaire-minOccurs cannot say this: above 0 it makes the group required (its invariant ctx-inv).
    /// </summary>
    public const string MinCount = FhirElements.Engine + "minCount";
    /// <summary>On a repeating group: what one entry is called, for labels such as "Allergy 1" (valueString).</summary>
    public const string EntryName = FhirElements.Engine + "entryName";
    /// <summary>On a required item: what the patient is told when it is left unanswered (valueString).</summary>
    public const string MissingMessage = FhirElements.Engine + "missingMessage";

    /// <summary>Core R4 extensions the export uses beside the SDC ones in <see cref="FhirElements"/>.</summary>
    public const string OptionExclusive = FhirElements.Core + "questionnaire-optionExclusive";
    public const string RenderingMarkdown = FhirElements.Core + "rendering-markdown";

    /// <summary>The extensions of the engine a reader understands on the Questionnaire or on a module group.</summary>
    public static readonly string[] OnDefinition = [Definition, Value, Check, Rule, Entry, Page];

    /// <summary>The extensions of the engine a reader understands on an item.</summary>
    public static readonly string[] OnItem = [EnableWhen, Calculated, Hint, MinCount, EntryName, MissingMessage, .. OnDefinition];
}
