using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// The compiler's hook for expressions written in FHIRPath: compiles them and their variables, and works out what
/// they read (see <see cref="FhirPathReach"/>). Inside a repeating group, what an expression reads in its own
/// instance orders the instance's items (the field reads); what it reads outside the group makes the
/// group depend on it.
/// </summary>
internal static partial class FhirPathBinding
{
    /// <summary>FHIRPath as an expression language the compiler can be given.</summary>
    public static readonly IExpressionLanguage Language = new FhirPathLanguage();

    private sealed class FhirPathLanguage : IExpressionLanguage
    {
        public string Name => FhirPath.Language;

        public Expr Bind(ExpressionSource source, ExprType type, ItemSymbol? owner, IReadOnlyList<ItemSymbol> items,
            DiagnosticBag diagnostics, HashSet<Symbol> reads, HashSet<ItemSymbol>? fieldReads = null) =>
            FhirPathBinding.Bind(source, type, owner, items, diagnostics, reads, fieldReads);
    }

    public static Expr Bind(ExpressionSource source, ExprType type, ItemSymbol? owner, IReadOnlyList<ItemSymbol> items,
        DiagnosticBag diagnostics, HashSet<Symbol> reads, HashSet<ItemSymbol>? fieldReads = null)
    {
        var main = FhirPath.TryCompile(source.Text, source.Span, diagnostics);
        var variables = new List<FhirPathVariable>();
        foreach (var v in source.Variables)
        {
            if (v.Expression.Language == FhirQuery.Language)
            {
                // Refused queries were reported where the variable is declared; they stay without a value.
                if (FhirQuery.TryParse(v.Expression.Text, out _) is { } query)
                    variables.Add(new FhirPathVariable(v.Name, null, v.ContextItem) { Query = query });
                continue;
            }
            if (v.Expression.Language != FhirPath.Language) continue;
            var compiled = FhirPath.TryCompile(v.Expression.Text, v.Expression.Span, diagnostics);
            if (compiled is not null) variables.Add(new FhirPathVariable(v.Name, compiled, v.ContextItem));
        }
        if (main is null) return Binder.ErrorExpr;

        var read = FhirPathReach.Reads(FhirPath.Compiler.Parse(source.Text), owner, items, source.Variables, ComputedByFhirPath)
            ?? EveryItemNamedOrWalked(source, items);
        var ownerRoot = owner is null ? null : RootOf(owner);
        foreach (var item in read)
        {
            if (item == owner) continue;
            if (owner?.Frame is { } frame && item.Frame == frame) fieldReads?.Add(item);
            // Elsewhere in the same repeating group: seen as it was last worked out (a group cannot read itself).
            else if (RootOf(item) == ownerRoot && (owner!.Frame is not null || item.Frame is not null)) continue;
            else reads.Add(item);
        }

        var roots = items.Where(i => i.Parent is null).ToList();
        var questionnaire = items.Count == 0 ? new Hl7.Fhir.Model.Questionnaire() : FhirResources.QuestionnaireOf(items[0].Namespace.Definition);
        return new FhirPathExpr(source.Text, main, variables, owner, roots, questionnaire.ToPocoNode(), type);
    }

    /// <summary>An item whose value or whether it is shown is itself worked out by FHIRPath.</summary>
    private static bool ComputedByFhirPath(ItemSymbol item) =>
        item.Definition.Calculated?.Language is not null || item.Definition.EnableWhen?.Language is not null;

    private static ItemSymbol RootOf(ItemSymbol item)
    {
        while (item.Frame is not null) item = item.Frame.Owner!;
        return item;
    }

    /// <summary>
    /// For syntax the analysis does not follow: the linkIds written in the expression and its variables, and every
    /// item not itself worked out by FHIRPath if any of them walks the whole response.
    /// </summary>
    private static HashSet<ItemSymbol> EveryItemNamedOrWalked(ExpressionSource source, IReadOnlyList<ItemSymbol> items)
    {
        var texts = source.Variables.Where(v => v.Expression.Language == FhirPath.Language).Select(v => v.Expression.Text).Append(source.Text).ToList();
        var byId = items.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var named = texts.SelectMany(t => StringLiteral().Matches(t).Select(m => m.Groups[1].Value)).Where(byId.ContainsKey).Distinct().ToList();
        var read = named.Select(id => byId[id]).ToHashSet();
        if (named.Count == 0 || texts.Any(t => WalksWholeResponse().IsMatch(t))) read.UnionWith(items.Where(i => !ComputedByFhirPath(i)));
        return read;
    }

    [GeneratedRegex(@"'((?:[^'\\]|\\.)*)'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"repeat\s*\(|answers\s*\(|descendants\s*\(|children\s*\(")]
    private static partial Regex WalksWholeResponse();
}
