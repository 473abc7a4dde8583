using System.Collections.Immutable;
using Hl7.FhirPath.Expressions;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// Which items of the response an SDC expression can read, worked out from its syntax tree rather than from the
/// words in it. Navigation is followed from where it starts (<c>%resource</c>, <c>%context</c>, a variable): <c>item</c>
/// goes one level down, <c>repeat()</c>, <c>descendants()</c> and <c>answers()</c> reach everything under their
/// focus, <c>where(linkId = 'x')</c> keeps only x, and <c>%questionnaire</c>, contained resources and constants read
/// no answer at all. An item is read when its answers (or whether it is there) can change the result. Dependencies
/// then follow what an expression can really reach, so that walking "all items" under a group does not make that
/// group, or an enableWhen on it, a loop with everything else in the file.
/// </summary>
internal sealed class FhirPathReach
{
    /// <summary>Where values in an expression can come from: the response itself, and some of its items.</summary>
    private readonly record struct Reach(bool Root, ImmutableHashSet<ItemSymbol> Items, ImmutableHashSet<ItemSymbol> Walked)
    {
        public static readonly Reach None = new(false, [], []);
        public bool IsEmpty => !Root && Items.IsEmpty;
        public Reach Union(Reach other)
        {
            // An item reached directly on either side is read directly.
            var direct = Items.Except(Walked).Union(other.Items.Except(other.Walked));
            return new(Root || other.Root, Items.Union(other.Items), Walked.Union(other.Walked).Except(direct));
        }
        public static Reach Of(ItemSymbol item) => new(false, [item], []);
    }

    /// <summary>Environment names that never stand for answers in the response being filled.</summary>
    private static readonly HashSet<string> Static = ["questionnaire", "qitem", "ucum", "sct", "loinc", FhirPath.TodayVariable, FhirPath.NowVariable];

    /// <summary>Names whose value is a field of the questionnaire, not an answer (so reading them reads nothing).</summary>
    private static readonly HashSet<string> DefinitionFields = ["linkId", "text", "definition", "id", "prefix"];

    /// <summary>Functions whose result is (part of) their focus, unchanged.</summary>
    private static readonly HashSet<string> PassThrough = ["first", "last", "tail", "skip", "take", "single", "ofType", "as", "distinct", "trace", "builtin.item"];

    /// <summary>Functions whose argument is evaluated once for each element of their focus.</summary>
    private static readonly HashSet<string> Lambdas = ["where", "select", "all", "exists", "repeat", "aggregate", "sort", "any"];

    private readonly IReadOnlyList<ItemSymbol> _roots;
    private readonly IReadOnlyList<NamedExpression> _variables;
    private readonly Func<ItemSymbol, bool> _computedByFhirPath;
    private readonly Dictionary<string, ItemSymbol> _byId;
    private readonly Dictionary<int, (Reach Reach, HashSet<ItemSymbol> Observed)?> _variableCache = [];
    private HashSet<ItemSymbol> _observed = [];
    private int _depth;

    private FhirPathReach(IReadOnlyList<ItemSymbol> items, IReadOnlyList<NamedExpression> variables, Func<ItemSymbol, bool> computedByFhirPath)
    {
        _roots = [.. items.Where(i => i.Parent is null)];
        _variables = variables;
        _computedByFhirPath = computedByFhirPath;
        _byId = items.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The items an expression can read, or null when its syntax is beyond this analysis (the caller then assumes
    /// it reads every item). Items reached only by walking a whole subtree are not counted when they are
    /// themselves worked out by FHIRPath (such walks sum ordinals or look for answers, and counting them would
    /// make two totals over the same questions read each other).
    /// </summary>
    public static HashSet<ItemSymbol>? Reads(Expression parsed, ItemSymbol? owner, IReadOnlyList<ItemSymbol> items,
        IReadOnlyList<NamedExpression> variables, Func<ItemSymbol, bool> computedByFhirPath)
    {
        var reach = new FhirPathReach(items, variables, computedByFhirPath);
        try
        {
            var focus = owner is null ? new Reach(true, [], []) : Reach.Of(owner);
            reach.Observe(reach.Eval(parsed, focus, focus, variables.Count));
            return reach._observed;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private void Observe(Reach r)
    {
        foreach (var item in r.Items)
            if (!r.Walked.Contains(item) || !_computedByFhirPath(item)) _observed.Add(item);
    }

    private Reach Eval(Expression e, Reach focus, Reach context, int scope)
    {
        if (++_depth > 200) throw new NotSupportedException("nested too deeply");
        try
        {
            return e switch
            {
                BracketExpression b => Eval(b.Operand, focus, context, scope),
                ConstantExpression => Reach.None,
                NewNodeListInitExpression list => list.Contents.Aggregate(Reach.None, (acc, c) => acc.Union(Eval(c, focus, context, scope))),
                AxisExpression axis => axis.AxisName is "this" or "that" ? focus : Reach.None,
                VariableRefExpression v => Variable(v.Name, context, scope),
                ChildExpression child => Child(Eval(child.Focus, focus, context, scope), child.ChildName),
                BinaryExpression binary => Binary(binary, focus, context, scope),
                UnaryExpression unary => Observed(unary.Arguments.Select(a => Eval(a, focus, context, scope)).Append(Eval(unary.Focus, focus, context, scope))),
                FunctionCallExpression call => Function(call, focus, context, scope),
                _ => throw new NotSupportedException(e.GetType().Name),
            };
        }
        finally { _depth--; }
    }

    private Reach Observed(IEnumerable<Reach> reaches)
    {
        foreach (var r in reaches) Observe(r);
        return Reach.None;
    }

    private Reach Binary(BinaryExpression binary, Reach focus, Reach context, int scope)
    {
        var operands = binary.Arguments.ToList();
        var (left, right) = operands.Count == 2 ? (operands[0], operands[1]) : (binary.Focus, operands[0]);
        var l = Eval(left, focus, context, scope);
        var r = Eval(right, focus, context, scope);
        if (binary.Op == "|") return l.Union(r);
        if (binary.Op == "as") return l;
        Observe(l);
        Observe(r);
        return Reach.None;
    }

    private Reach Function(FunctionCallExpression call, Reach focus, Reach context, int scope)
    {
        var on = Eval(call.Focus, focus, context, scope);
        var args = call.Arguments.ToList();
        switch (call.FunctionName)
        {
            case "where" when args.Count == 1:
                var kept = on;
                foreach (var condition in Conjuncts(args[0]))
                {
                    if (LinkIdFilter(condition) is { } linkId) kept = new Reach(false, [.. kept.Items.Where(i => i.Id == linkId)], []);
                    else Observe(Eval(condition, kept, context, scope));
                }
                return kept;
            case "select" when args.Count == 1:
                return Eval(args[0], on, context, scope);
            case "repeat" when args.Count == 1:
                var all = Reach.None;
                var current = on;
                for (var step = 0; step < 100 && !current.IsEmpty; step++)
                {
                    var next = Eval(args[0], current, context, scope);
                    next = new Reach(false, next.Items.Except(all.Items), []);
                    all = all.Union(next);
                    current = next;
                }
                return Walk(all);
            case "descendants" or "answers" when args.Count == 0:
                return Walk(new Reach(false, [.. on.Items, .. Below(on)], []));
            case "children" when args.Count == 0:
                return Walk(new Reach(false, [.. on.Items, .. Child(on, "item").Items], []));
            case "iif" when args.Count is 2 or 3:
                Observe(Eval(args[0], on, context, scope));
                var result = Eval(args[1], on, context, scope);
                return args.Count == 3 ? result.Union(Eval(args[2], on, context, scope)) : result;
            case "union" or "combine" when args.Count == 1:
                return on.Union(Eval(args[0], focus, context, scope));
            case var name when PassThrough.Contains(name):
                foreach (var a in args) Observe(Eval(a, focus, context, scope));
                return on;
            case var name when Lambdas.Contains(name):
                Observe(on);
                foreach (var a in args) Observe(Eval(a, on, context, scope));
                return Reach.None;
            default:
                Observe(on);
                foreach (var a in args) Observe(Eval(a, focus, context, scope));
                return Reach.None;
        }
    }

    /// <summary>Items found by walking a subtree: read unless they are themselves worked out by FHIRPath.</summary>
    private static Reach Walk(Reach r) => new(false, r.Items, r.Items);

    private static IEnumerable<Expression> Conjuncts(Expression e)
    {
        while (e is BracketExpression b) e = b.Operand;
        if (e is BinaryExpression { Op: "and" } and)
        {
            var operands = and.Arguments.ToList();
            var (left, right) = operands.Count == 2 ? (operands[0], operands[1]) : (and.Focus, operands[0]);
            return Conjuncts(left).Concat(Conjuncts(right));
        }
        return [e];
    }

    /// <summary>'x' for a condition <c>linkId = 'x'</c> (either way round), else null.</summary>
    private static string? LinkIdFilter(Expression e)
    {
        while (e is BracketExpression b) e = b.Operand;
        if (e is not BinaryExpression { Op: "=" or "~" } equal) return null;
        var operands = equal.Arguments.ToList();
        if (operands.Count != 2) return null;
        foreach (var (a, b) in new[] { (operands[0], operands[1]), (operands[1], operands[0]) })
            if (a is ChildExpression { ChildName: "linkId", Focus: AxisExpression } && b is ConstantExpression { Value: string id }) return id;
        return null;
    }

    private Reach Child(Reach on, string name)
    {
        if (name == "item")
        {
            var children = on.Root ? _roots : [];
            return new Reach(false, [.. children, .. on.Items.SelectMany(i => i.Children)], []);
        }
        if (DefinitionFields.Contains(name)) return Reach.None;
        // answer, value, code, extension...: still the answers of the same items; on the response itself,
        // anything but its items (status, subject, contained...) is not an answer.
        return new Reach(false, on.Items, on.Walked);
    }

    private IEnumerable<ItemSymbol> Below(Reach on)
    {
        var start = on.Root ? _roots : on.Items.SelectMany(i => i.Children);
        var stack = new Stack<ItemSymbol>(start);
        while (stack.TryPop(out var item))
        {
            yield return item;
            foreach (var c in item.Children) stack.Push(c);
        }
    }

    /// <summary>
    /// A variable: <c>%resource</c> is the response, <c>%context</c> where the expression is written; a declared
    /// variable reaches what its own expression reaches (worked out once, from its own context), and what that
    /// expression observes is read only if the variable is used.
    /// </summary>
    private Reach Variable(string name, Reach context, int scope)
    {
        switch (name)
        {
            case "resource" or "rootResource": return new Reach(true, [], []);
            case "context": return context;
        }
        if (Static.Contains(name) || name.StartsWith("vs-", StringComparison.Ordinal) || name.StartsWith("ext-", StringComparison.Ordinal))
            return Reach.None;
        for (var i = Math.Min(scope, _variables.Count) - 1; i >= 0; i--)
        {
            if (_variables[i].Name != name) continue;
            if (!_variableCache.TryGetValue(i, out var cached))
            {
                _variableCache[i] = null; // a variable that reads itself reaches nothing more
                cached = AnalyseVariable(i);
                _variableCache[i] = cached;
            }
            if (cached is not { } known) return Reach.None;
            _observed.UnionWith(known.Observed);
            return known.Reach;
        }
        // A launch context, a variable the engine does not evaluate (x-fhir-query) or an unknown name: no answers.
        return Reach.None;
    }

    private (Reach, HashSet<ItemSymbol>)? AnalyseVariable(int index)
    {
        var v = _variables[index];
        if (v.Expression.Language != FhirPath.Language) return null;
        Expression parsed;
        try { parsed = FhirPath.Compiler.Parse(v.Expression.Text); }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException) { return null; }
        var context = v.ContextItem is { } linkId && _byId.TryGetValue(linkId, out var item) ? Reach.Of(item) : new Reach(true, [], []);
        var outer = _observed;
        _observed = [];
        try
        {
            var reach = Eval(parsed, context, context, index);
            return (reach, _observed);
        }
        finally { _observed = outer; }
    }
}
