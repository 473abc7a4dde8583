using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>A compiled SDC variable: evaluated before the expression that can see it, as <c>%name</c>.</summary>
internal sealed record FhirPathVariable(string Name, CompiledExpression Compiled, string? ContextItem);

/// <summary>
/// An SDC expression (calculatedExpression, enableWhenExpression, variable) in FHIRPath, evaluated by Firely's
/// engine over a QuestionnaireResponse built from the session's current effective answers. Its result is turned
/// into the engine's value of the expected type; an empty result, or one of another type, is unknown.
/// </summary>
internal sealed class FhirPathExpr(string text, CompiledExpression compiled, IReadOnlyList<FhirPathVariable> variables,
    string? contextItem, IReadOnlyList<ItemSymbol> roots, PocoNode questionnaire, ExprType type) : Expr(type)
{
    public override object? Eval(EvalContext c)
    {
        try
        {
            var response = ResponseBuilder.Build(roots, c.Globals, c.Clock.LocalTimeZone);
            var root = response.ToPocoNode();
            var environment = new Dictionary<string, IEnumerable<PocoNode>>(StringComparer.Ordinal);
            var context = new FhirEvaluationContext { Resource = root, RootResource = root, Environment = environment };
            environment["questionnaire"] = [questionnaire];
            FhirPath.AddClock(environment, c.Clock.GetLocalNow());
            foreach (var v in variables)
                environment[v.Name] = v.Compiled([Focus(response, root, v.ContextItem)], context).ToList();
            return Convert(compiled([Focus(response, root, contextItem)], context).ToList());
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            // A run-time type error in an author's expression: the value is unknown, like any other missing value.
            return null;
        }
    }

    /// <summary>The response item an item-level expression starts from (%context); the response for the questionnaire's own.</summary>
    private static PocoNode Focus(QuestionnaireResponse response, PocoNode root, string? linkId)
    {
        if (linkId is null) return root;
        var item = Find(response.Item, linkId) ?? new QuestionnaireResponse.ItemComponent { LinkId = linkId };
        return item.ToPocoNode();
    }

    private static QuestionnaireResponse.ItemComponent? Find(IEnumerable<QuestionnaireResponse.ItemComponent> items, string linkId)
    {
        foreach (var item in items)
        {
            if (item.LinkId == linkId) return item;
            if ((Find(item.Item, linkId) ?? Find(item.Answer.SelectMany(a => a.Item), linkId)) is { } found) return found;
        }
        return null;
    }

    private object? Convert(List<PocoNode> result)
    {
        if (result.Count == 0) return null;
        switch (Type.Kind)
        {
            case TypeKind.CodeSet:
                var codes = result.Select(n => CodeOf(n.Poco)).OfType<string>().ToArray();
                return codes.Length == 0 ? null : codes;
            case TypeKind.Boolean:
                return result.Count == 1 && Raw(result[0].Poco) is bool b ? Box(b) : null;
        }
        var value = Raw(result[0].Poco);
        return Type.Kind switch
        {
            TypeKind.Number => value switch
            {
                decimal d => d,
                int i => (decimal)i,
                long l => (decimal)l,
                _ => null,
            },
            TypeKind.Code => CodeOf(result[0].Poco),
            TypeKind.Text => value is null ? null : System.Convert.ToString(value, CultureInfo.InvariantCulture),
            TypeKind.Date => DateOnly.TryParseExact(value?.ToString()?[..Math.Min(10, value.ToString()!.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            TypeKind.DateTime => value is not null && DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.DateTime : null,
            _ => null,
        };
    }

    /// <summary>A FHIRPath result element as the engine's plain value (also used by the benchmarks' Firely peer).</summary>
    internal static object? Raw(Base poco) => poco switch
    {
        Quantity q => q.Value,
        Coding c => c.Code,
        PrimitiveType p => p.JsonValue switch
        {
            Hl7.Fhir.ElementModel.Types.Decimal d => d.Value,
            Hl7.Fhir.ElementModel.Types.Integer i => i.Value,
            Hl7.Fhir.ElementModel.Types.Long l => l.Value,
            Hl7.Fhir.ElementModel.Types.Boolean b => b.Value,
            Hl7.Fhir.ElementModel.Types.String s => s.Value,
            var other => other,
        },
        _ => null,
    };

    private static string? CodeOf(Base poco) => poco switch
    {
        Coding c => c.Code,
        PrimitiveType p => System.Convert.ToString(Raw(p), CultureInfo.InvariantCulture),
        _ => null,
    };

    public override string ToString() => $"fhirpath('{text}')";
}

/// <summary>
/// The compiler's hook for expressions written in FHIRPath: compiles them and their variables, and works out what
/// they read (the linkIds written in them; every plainly answered item when they walk the whole response).
/// </summary>
internal static partial class FhirPathBinding
{
    public static Expr Bind(ExpressionSource source, ExprType type, ItemSymbol? owner, IReadOnlyList<ItemSymbol> items,
        DiagnosticBag diagnostics, HashSet<Symbol> reads)
    {
        var main = FhirPath.TryCompile(source.Text, source.Span, diagnostics);
        var variables = new List<FhirPathVariable>();
        var texts = new List<string> { source.Text };
        foreach (var v in source.Variables)
        {
            if (v.Expression.Language != FhirPath.Language) continue;
            var compiled = FhirPath.TryCompile(v.Expression.Text, v.Expression.Span, diagnostics);
            if (compiled is not null) variables.Add(new FhirPathVariable(v.Name, compiled, v.ContextItem));
            texts.Add(v.Expression.Text);
        }
        if (main is null) return Binder.ErrorExpr;
        if (owner?.Frame is not null)
            diagnostics.Report(source.Span, Codes.FhirUnsupported,
                $"'{owner.Id}' is inside a repeating group: its FHIRPath expression sees the answers given so far outside that group, and %context is its first occurrence");

        var byId = items.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ownerRoot = owner is null ? null : RootOf(owner);
        var named = texts.SelectMany(t => StringLiteral().Matches(t).Select(m => m.Groups[1].Value)).Where(byId.ContainsKey).Distinct().ToList();
        var walksAll = named.Count == 0 || texts.Any(t => WalksWholeResponse().IsMatch(t));
        var read = named.Select(id => byId[id]);
        if (walksAll) read = read.Union(items.Where(i => i.Definition.EnableWhen?.Language is null && i.Definition.Calculated?.Language is null));
        foreach (var item in read)
            if (item != owner && RootOf(item) != ownerRoot) reads.Add(item);

        var roots = items.Where(i => i.Parent is null).ToList();
        var questionnaire = items.Count == 0 ? new Hl7.Fhir.Model.Questionnaire() : FhirResources.QuestionnaireOf(items[0].Namespace.Definition);
        return new FhirPathExpr(source.Text, main, variables, owner?.Id, roots, questionnaire.ToPocoNode(), type);
    }

    private static ItemSymbol RootOf(ItemSymbol item)
    {
        while (item.Frame is not null) item = item.Frame.Owner!;
        return item;
    }

    [GeneratedRegex(@"'((?:[^'\\]|\\.)*)'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"repeat\s*\(|answers\s*\(|descendants\s*\(|children\s*\(")]
    private static partial Regex WalksWholeResponse();
}
