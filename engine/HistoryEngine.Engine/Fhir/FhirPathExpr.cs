using System.Globalization;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using HistoryEngine.Definitions;
using HistoryEngine.Expressions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>A compiled SDC variable: evaluated before the expression that can see it, as <c>%name</c>.</summary>
internal sealed record FhirPathVariable(string Name, CompiledExpression? Compiled, string? ContextItem)
{
    /// <summary>Set for a variable written as an x-fhir-query: answered from the session's context, not computed.</summary>
    public FhirQuery? Query { get; init; }
}

/// <summary>
/// An SDC expression (calculatedExpression, enableWhenExpression, variable) in FHIRPath, evaluated by Firely's
/// engine over a QuestionnaireResponse built from the session's current effective answers. Its result is turned
/// into the engine's value of the expected type; an empty result, or one of another type, is unknown. Inside a
/// repeating group it is evaluated once for each instance: the response holds that instance as it is being worked
/// out, and <c>%context</c> is that instance (the other instances as they were last worked out).
/// </summary>
internal sealed class FhirPathExpr(string text, CompiledExpression compiled, IReadOnlyList<FhirPathVariable> variables,
    ItemSymbol? owner, IReadOnlyList<ItemSymbol> roots, PocoNode questionnaire, ExprType type) : Expr(type)
{
    public override object? Eval(EvalContext c)
    {
        try
        {
            var globals = c.Globals;
            RecordValue[]? path = null;
            Dictionary<RecordValue, QuestionnaireResponse.ItemComponent>? instances = null;
            if (owner?.Frame is not null)
            {
                (globals, path) = CurrentInstance(c, owner);
                instances = new(ReferenceEqualityComparer.Instance);
            }
            else if (owner is { IsQuestion: true } && globals[owner.Slot] is not null)
            {
                // An item's own expressions never see its own answer (a count of answers would count itself).
                globals = (object?[])globals.Clone();
                globals[owner.Slot] = null;
            }
            var response = ResponseBuilder.Build(roots, globals, c.Clock.LocalTimeZone, instances);
            var root = response.ToPocoNode();
            var environment = new Dictionary<string, IEnumerable<PocoNode>>(StringComparer.Ordinal);
            var context = new FhirEvaluationContext { Resource = root, RootResource = root, Environment = environment };
            environment["questionnaire"] = [questionnaire];
            FhirPath.AddClock(environment, c.Clock.GetLocalNow());
            FhirLaunch.AddTo(environment, c.Patient);
            PocoNode Focus(string? linkId) => FocusOf(response, root, linkId, path, instances);
            foreach (var v in variables)
            {
                // A variable that cannot be worked out (it reads a launch context or query the engine does not have)
                // is left out: the expressions that use it are unknown, the others are not affected.
                try
                {
                    if (v.Query is null) environment[v.Name] = v.Compiled!([Focus(v.ContextItem)], context).ToList();
                    else if (v.Query.Answer(Focus(v.ContextItem), context, c.Patient) is { } answer) environment[v.Name] = [answer.ToPocoNode()];
                    else environment.Remove(v.Name);
                }
                catch (Exception e) when (IsAuthorError(e)) { environment.Remove(v.Name); }
            }
            return Convert(compiled([Focus(owner?.Id)], context).ToList());
        }
        catch (Exception e) when (IsAuthorError(e))
        {
            // A run-time type error in an author's expression: the value is unknown, like any other missing value.
            return null;
        }
    }

    private static bool IsAuthorError(Exception e) =>
        e is InvalidCastException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException;

    /// <summary>
    /// The session's values with the instance being worked out put in place of its last result, at every level of
    /// the repeating groups around <paramref name="item"/>; and that instance's record at each level.
    /// </summary>
    private static (object?[] Globals, RecordValue[] Path) CurrentInstance(EvalContext c, ItemSymbol item)
    {
        var shapes = new List<RecordShape>();
        for (var frame = item.Frame; frame is not null; frame = frame.Owner!.Frame) shapes.Insert(0, frame);
        var path = new RecordValue[shapes.Count];
        var globals = (object?[])c.Globals.Clone();
        var top = shapes[0].Owner!;
        globals[top.Slot] = Replace(c.Globals[top.Slot] as IReadOnlyList<RecordValue>, 0);
        return (globals, path);

        RecordValue[] Replace(IReadOnlyList<RecordValue>? previous, int level)
        {
            var shape = shapes[level];
            var index = c.FrameIndex(level);
            var list = new RecordValue[Math.Max(previous?.Count ?? 0, index + 1)];
            for (var k = 0; k < list.Length; k++)
                list[k] = previous is not null && k < previous.Count ? previous[k] : new RecordValue(shape, new object?[shape.SlotCount]) { Index = k };
            var values = (object?[])c.Frame(level).Clone();
            if (level == shapes.Count - 1 && item.IsQuestion) values[item.Slot] = null;
            if (level + 1 < shapes.Count)
            {
                var nested = shapes[level + 1].Owner!;
                var before = index < (previous?.Count ?? 0) ? previous![index].Values[nested.Slot] as IReadOnlyList<RecordValue> : null;
                values[nested.Slot] = Replace(before, level + 1);
            }
            list[index] = path[level] = new RecordValue(shape, values) { Index = index };
            return list;
        }
    }

    /// <summary>
    /// Where an expression, or a variable declared on <paramref name="linkId"/>, starts (%context): in a repeating
    /// group, the instance being worked out (or the item within it); elsewhere the item; the response for the
    /// questionnaire's own.
    /// </summary>
    private static PocoNode FocusOf(QuestionnaireResponse response, PocoNode root, string? linkId, RecordValue[]? path,
        Dictionary<RecordValue, QuestionnaireResponse.ItemComponent>? instances)
    {
        if (linkId is null) return root;
        for (var level = (path?.Length ?? 0) - 1; level >= 0; level--)
        {
            var instance = path![level];
            var component = instances!.GetValueOrDefault(instance) ?? new QuestionnaireResponse.ItemComponent { LinkId = instance.Shape.Owner!.Id };
            if (instance.Shape.Owner!.Id == linkId) return component.ToPocoNode();
            if (instance.Shape.Items.Any(i => i.Id == linkId))
                return (Find(component.Item, linkId) ?? new QuestionnaireResponse.ItemComponent { LinkId = linkId }).ToPocoNode();
        }
        return (Find(response.Item, linkId) ?? new QuestionnaireResponse.ItemComponent { LinkId = linkId }).ToPocoNode();
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
