using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;

namespace HistoryEngine.Runtime;

/// <summary>
/// A symptom the patient has now decides by itself: for every answer marked <c>symptom_now</c> (a yes/no answer, or
/// an option), some rule must be certain to fire on that answer alone, whatever every other answer is (see
/// <see cref="Certainty"/>); otherwise HE1142. "Chest pain now" must not wait for a blood pressure of 180/120.
/// </summary>
internal static class SymptomCheck
{
    public static void Report(List<ItemSymbol> items, List<CompiledRule> rules, Dictionary<Symbol, HashSet<Symbol>> reads, DiagnosticBag diagnostics)
    {
        foreach (var item in items.Where(i => i.IsRoot && i.Namespace.Definition.IsNative))
            foreach (var (what, answer, span) in Marked(item))
            {
                var certainty = new Certainty(item, answer);
                if (rules.Any(r => certainty.Of(r.When).IsTrue)) continue;
                var readers = rules.Where(r => Reads(r.Owner, item, reads, [])).Select(r => r.Id).ToList();
                var named = string.Join(", ", readers.Take(3)) + (readers.Count > 3 ? $" and {readers.Count - 3} more" : "");
                var hint = readers.Count == 0
                    ? "; no rule reads it"
                    : readers.Count == 1
                        ? $"; the rule that reads '{item.Id}' ({named}) needs other answers as well"
                        : $"; the rules that read '{item.Id}' ({named}) need other answers as well";
                diagnostics.Report(span, Codes.SymptomNowRaisesNothing, what, hint);
            }
    }

    private static IEnumerable<(string What, Certain Answer, SourceSpan Span)> Marked(ItemSymbol item)
    {
        var def = item.Definition;
        if (def.Type == ItemType.Boolean && def.SymptomNow is { } yes)
            yield return ($"the answer {(yes ? "yes" : "no")} to '{item.Id}'", Certain.Known(Expr.Box(yes)), def.SymptomNowSpan);
        if (def.Type is not (ItemType.Choice or ItemType.MultipleChoice)) yield break;
        foreach (var option in def.Options.Where(o => o.SymptomNow))
            yield return ($"choosing '{option.Code}' in '{item.Id}'",
                def.Type == ItemType.Choice ? Certain.Known(option.Code) : Certain.Holding(option.Code), option.Span);
    }

    /// <summary>Whether an owner reads the item, directly or through the values it reads.</summary>
    private static bool Reads(Symbol owner, ItemSymbol item, Dictionary<Symbol, HashSet<Symbol>> reads, HashSet<Symbol> seen)
    {
        if (!reads.TryGetValue(owner, out var direct) || !seen.Add(owner)) return false;
        return direct.Contains(item) || direct.OfType<ValueSymbol>().Any(v => Reads(v, item, reads, seen));
    }
}
