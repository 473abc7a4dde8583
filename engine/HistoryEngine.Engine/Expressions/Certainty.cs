using HistoryEngine.Runtime;

namespace HistoryEngine.Expressions;

/// <summary>
/// What an expression gives when one answer is fixed and every other input could be anything: a value it gives
/// whatever the others are (<see cref="Known"/>, which may be unknown: null), or nothing certain (<see cref="Any"/>).
/// A multiple choice fixed to hold one option is <see cref="Holding"/>: it may hold others too.
/// </summary>
internal readonly record struct Certain(bool IsKnown, object? Value, string? Holds)
{
    public static readonly Certain Any = new(false, null, null);
    public static Certain Known(object? value) => new(true, value, null);
    public static Certain Holding(string code) => new(false, null, code);

    public bool IsTrue => IsKnown && Value is true;
}

/// <summary>
/// Decides whether a condition is true on one answer alone, whatever the other answers are, so that a symptom the
/// patient has now raises its flag by itself (<c>symptom_now</c>). Every other input (answers, the patient's
/// context, the clock) is "anything, including unanswered"; a result counts as certain only if it is the same for
/// every possible value of those inputs. So <c>false &amp;&amp; x</c> and <c>true || x</c> are certain, but
/// <c>answered(x)</c>, <c>x ?? 0</c> and <c>count(list)</c> are not, though a session would give them a definite
/// value when <c>x</c> is unanswered: the check never assumes an answer is missing. Values are worked out the same
/// way, once each. Sound, not complete: a rule it cannot prove is reported, never one it wrongly proves.
/// </summary>
internal sealed class Certainty(Symbol answered, Certain answer)
{
    private static readonly EvalContext NoSession = new([], TimeProvider.System, PatientContext.None);
    private readonly Dictionary<ValueSymbol, Certain> _values = [];

    public Certain Of(Expr e) => e switch
    {
        LiteralExpr l => Certain.Known(l.Value),
        GlobalExpr { Symbol: var s } when s == answered => answer,
        GlobalExpr { Symbol: ValueSymbol v } => Value(v),
        NotExpr n => Of(n.Operand) is { IsKnown: true } x ? Certain.Known(x.Value is bool b ? Expr.Box(!b) : null) : Certain.Any,
        NegateExpr n => Concrete(Of(n.Operand), v => new NegateExpr(Lit(v, n.Operand)).Eval(NoSession)),
        LogicExpr l => Logic(l),
        CoalesceExpr c => Of(c.Left) switch
        {
            { IsKnown: true, Value: null } => Of(c.Right),
            { IsKnown: true } left => left,
            _ => Certain.Any,
        },
        ConditionalExpr c => Of(c.Condition) switch
        {
            { IsKnown: true, Value: true } => Of(c.Then),
            { IsKnown: true, Value: false } => Of(c.Otherwise),
            { IsKnown: true } => Certain.Known(null),
            _ => Certain.Any,
        },
        BinaryExpr b => Binary(b),
        CallExpr call => Call(call),
        AggregateExpr a => Of(a.List) is { IsKnown: true } list ? Certain.Known(a.With(Lit(list.Value, a.List)).Eval(NoSession)) : Certain.Any,
        TextOfExpr t => Concrete(Of(t.Operand), v => new TextOfExpr(Lit(v, t.Operand)).Eval(NoSession)),
        // Other answers, fields of instances, the patient's context, module narratives, FHIRPath: anything.
        _ => Certain.Any,
    };

    private Certain Value(ValueSymbol v)
    {
        if (_values.TryGetValue(v, out var known)) return known;
        _values[v] = Certain.Any; // values cannot loop (the compiler refuses it); this only guards the recursion
        return _values[v] = Of(v.Expression);
    }

    private static LiteralExpr Lit(object? value, Expr like) => new(value, like.Type);

    private static Certain Concrete(Certain operand, Func<object?, object?> eval) =>
        operand.IsKnown ? Certain.Known(eval(operand.Value)) : Certain.Any;

    /// <summary>Kleene logic: one side false decides &amp;&amp;, one side true decides ||, whatever the other is.</summary>
    private Certain Logic(LogicExpr l)
    {
        var left = Of(l.Left);
        var right = Of(l.Right);
        var decides = Expr.Box(!l.IsAnd);
        if (left.IsKnown && Equals(left.Value, decides) || right.IsKnown && Equals(right.Value, decides)) return Certain.Known(decides);
        if (!left.IsKnown || !right.IsKnown) return Certain.Any;
        return Certain.Known(left.Value is null || right.Value is null ? null : Expr.Box(l.IsAnd));
    }

    /// <summary>An unknown side makes arithmetic and comparison unknown, whatever the other side is.</summary>
    private Certain Binary(BinaryExpr b)
    {
        var left = Of(b.Left);
        var right = Of(b.Right);
        if (left is { IsKnown: true, Value: null } || right is { IsKnown: true, Value: null }) return Certain.Known(null);
        if (!left.IsKnown || !right.IsKnown) return Certain.Any;
        return Certain.Known(new BinaryExpr(b.Op, Lit(left.Value, b.Left), Lit(right.Value, b.Right), b.Type).Eval(NoSession));
    }

    private Certain Call(CallExpr call)
    {
        // These read the clock, which is not fixed either.
        if (call.Name is "today" or "now" || call.Name == "age" && call.Args.Count == 1) return Certain.Any;
        var args = call.Args.Select(Of).ToArray();
        if (args.Length > 0 && args[0].Holds is { } held)
        {
            // A multiple choice known to hold one option, whatever else it holds.
            var codes = args.Skip(1).Select(a => a.IsKnown ? a.Value as string : null);
            return call.Name switch
            {
                "contains" or "contains_any" when codes.Contains(held) => Certain.Known(Expr.True),
                "answered" => Certain.Known(Expr.True),
                _ => Certain.Any,
            };
        }
        if (args.Any(a => !a.IsKnown)) return Certain.Any;
        return Certain.Known(call.With([.. args.Select((a, i) => Lit(a.Value, call.Args[i]))]).Eval(NoSession));
    }
}
