using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Runtime;

/// <summary>
/// Answers nothing reads: a structured answer (yes/no, a choice, a number, a date) that no rule, value, check, entry
/// or enable condition reads changes nothing but a sentence of the narrative, so the tools say so (HE1540) unless
/// the item says why only the clinician reads it (<c>review_only: "reason"</c>). A <c>review_only</c> that is not
/// needed is a warning too (HE1541), so the list of silenced answers stays true.
/// </summary>
internal static class AnswerUse
{
    public static void ReportUnread(List<ItemSymbol> items, Dictionary<Symbol, Symbol> usedBy, DiagnosticBag diagnostics)
    {
        // A module included several times is one definition: it is read if any of its inclusions is.
        foreach (var group in items.Where(i => i.Namespace.Definition.IsNative && !i.Definition.Broken)
                     .GroupBy(i => i.Definition, ReferenceEqualityComparer.Instance))
        {
            var def = (ItemDefinition)group.Key!;
            var reader = group.Select(i => usedBy.GetValueOrDefault(i)).FirstOrDefault(r => r is not null);
            var structured = def.IsAnswerable && IsStructured(def.Type);
            if (def.ReviewOnly is null)
            {
                if (structured && reader is null) diagnostics.Report(def.Span, Codes.UnreadAnswer, def.Id, Where(group));
                continue;
            }
            if (reader is not null) diagnostics.Report(def.ReviewOnlySpan, Codes.ReviewOnlyNotNeeded, def.Id, Describe(reader) + " reads it");
            else if (def.Calculated is not null) diagnostics.Report(def.ReviewOnlySpan, Codes.ReviewOnlyNotNeeded, def.Id, "it is worked out, not answered");
            else if (!structured) diagnostics.Report(def.ReviewOnlySpan, Codes.ReviewOnlyNotNeeded, def.Id, "a text answer is for the clinician to read anyway");
        }
    }

    /// <summary>Answers a rule could act on: free text is for the clinician to read, and is never warned about.</summary>
    public static bool IsStructured(ItemType type) =>
        type is ItemType.Boolean or ItemType.Choice or ItemType.MultipleChoice or ItemType.Integer or ItemType.Decimal
            or ItemType.Date or ItemType.DateTime;

    /// <summary>" (in headache_pain, chest_pain_detail)" for a module's item, so a warning at the module's line says which inclusions.</summary>
    private static string Where(IEnumerable<ItemSymbol> symbols)
    {
        var modules = symbols.Where(s => s.Id != s.LocalName).Select(s => s.Id[..^(s.LocalName.Length + 1)]).ToList();
        return modules.Count == 0 ? "" : $" (included as {string.Join(", ", modules)})";
    }

    public static string Describe(Symbol reader) => reader switch
    {
        QuestionnaireCompiler.RuleOwner owner => $"the {owner.Kind} '{owner.Id}'",
        ValueSymbol value => $"the value '{value.Id}'",
        ItemSymbol { Definition.Calculated: not null } item => $"the calculation of '{item.Id}'",
        ItemSymbol item => $"the enable_when of '{item.Id}'",
        _ => $"'{reader.Id}'",
    };
}
