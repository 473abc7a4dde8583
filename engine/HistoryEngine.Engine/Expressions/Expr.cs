using System.Globalization;
using HistoryEngine.Runtime;

namespace HistoryEngine.Expressions;

/// <summary>
/// A checked, compiled expression. Trees are immutable and shared by every session of a questionnaire; evaluation
/// reads only the <see cref="EvalContext"/> it is given. ToString prints it back fully parenthesised.
/// </summary>
internal abstract class Expr(ExprType type)
{
    public ExprType Type { get; } = type;
    public abstract object? Eval(EvalContext c);

    /// <summary>True, false, or unknown (null) for a condition; unknown counts as not met.</summary>
    public bool IsTrue(EvalContext c) => Eval(c) is true;

    public static readonly object True = true;
    public static readonly object False = false;
    public static object Box(bool b) => b ? True : False;
}

internal sealed class LiteralExpr(object? value, ExprType type) : Expr(type)
{
    public object? Value { get; } = value;
    public override object? Eval(EvalContext c) => Value;
    public override string ToString() => Value switch
    {
        string s => "'" + s.Replace("'", "\\'", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => "null",
    };
}

/// <summary>A questionnaire-wide item or value.</summary>
internal sealed class GlobalExpr(Symbol symbol, int slot, ExprType type) : Expr(type)
{
    public Symbol Symbol { get; } = symbol;
    public override object? Eval(EvalContext c) => c.Globals[slot];
    public override string ToString() => Symbol.Id;
}

/// <summary>A field of the repeating-group instance (or template loop variable) at a given nesting level.</summary>
internal sealed class FrameExpr(string name, int level, int slot, ExprType type) : Expr(type)
{
    public override object? Eval(EvalContext c) => c.Frame(level)[slot];
    public override string ToString() => name;
}

internal sealed class MemberExpr(Expr target, string name, int slot, ExprType type) : Expr(type)
{
    public override object? Eval(EvalContext c) => target.Eval(c) is RecordValue r ? r.Values[slot] : null;
    public override string ToString() => $"{target}.{name}";
}

internal sealed class NotExpr(Expr operand) : Expr(ExprType.Boolean)
{
    public Expr Operand => operand;
    public override object? Eval(EvalContext c) => operand.Eval(c) is bool b ? Box(!b) : null;
    public override string ToString() => $"!{operand}";
}

internal sealed class NegateExpr(Expr operand) : Expr(operand.Type)
{
    public Expr Operand => operand;
    public override object? Eval(EvalContext c) => operand.Eval(c) is decimal d ? -d : null;
    public override string ToString() => $"-{operand}";
}

/// <summary>Kleene logic: false and unknown is false; true or unknown is true.</summary>
internal sealed class LogicExpr(Expr left, Expr right, bool isAnd) : Expr(ExprType.Boolean)
{
    public Expr Left => left;
    public Expr Right => right;
    public bool IsAnd => isAnd;

    public override object? Eval(EvalContext c)
    {
        var l = left.Eval(c) as bool?;
        if (l == !isAnd) return Box(!isAnd);
        var r = right.Eval(c) as bool?;
        if (r == !isAnd) return Box(!isAnd);
        return l is null || r is null ? null : Box(isAnd);
    }

    public override string ToString() => $"({left} {(isAnd ? "&&" : "||")} {right})";
}

internal sealed class CoalesceExpr(Expr left, Expr right, ExprType type) : Expr(type)
{
    public Expr Left => left;
    public Expr Right => right;
    public override object? Eval(EvalContext c) => left.Eval(c) ?? right.Eval(c);
    public override string ToString() => $"({left} ?? {right})";
}

internal sealed class ConditionalExpr(Expr condition, Expr then, Expr otherwise, ExprType type) : Expr(type)
{
    public Expr Condition => condition;
    public Expr Then => then;
    public Expr Otherwise => otherwise;

    public override object? Eval(EvalContext c) => condition.Eval(c) switch
    {
        true => then.Eval(c),
        false => otherwise.Eval(c),
        _ => null,
    };

    public override string ToString() => $"({condition} ? {then} : {otherwise})";
}

internal enum BinaryOp { Add, Subtract, Multiply, Divide, Modulo, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>Arithmetic and comparison. Any unknown operand makes the result unknown: unanswered is not zero.</summary>
internal sealed class BinaryExpr(BinaryOp op, Expr left, Expr right, ExprType type) : Expr(type)
{
    public BinaryOp Op => op;
    public Expr Left => left;
    public Expr Right => right;

    public override object? Eval(EvalContext c)
    {
        var l = left.Eval(c);
        if (l is null) return null;
        var r = right.Eval(c);
        if (r is null) return null;
        return op switch
        {
            BinaryOp.Equal => Box(Values.AreEqual(l, r)),
            BinaryOp.NotEqual => Box(!Values.AreEqual(l, r)),
            BinaryOp.Less => Box(Values.Compare(l, r) < 0),
            BinaryOp.LessOrEqual => Box(Values.Compare(l, r) <= 0),
            BinaryOp.Greater => Box(Values.Compare(l, r) > 0),
            BinaryOp.GreaterOrEqual => Box(Values.Compare(l, r) >= 0),
            _ when l is string ls && r is string rs => ls + rs,
            _ => Arithmetic((decimal)l, (decimal)r),
        };
    }

    private object? Arithmetic(decimal l, decimal r)
    {
        try
        {
            return op switch
            {
                BinaryOp.Add => l + r,
                BinaryOp.Subtract => l - r,
                BinaryOp.Multiply => l * r,
                BinaryOp.Divide => r == 0 ? null : l / r,
                BinaryOp.Modulo => r == 0 ? null : l % r,
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+", BinaryOp.Subtract => "-", BinaryOp.Multiply => "*", BinaryOp.Divide => "/",
        BinaryOp.Modulo => "%", BinaryOp.Equal => "==", BinaryOp.NotEqual => "!=", BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=", BinaryOp.Greater => ">", BinaryOp.GreaterOrEqual => ">=", _ => "?",
    };

    public override string ToString() => $"({left} {Symbol(op)} {right})";
}

/// <summary>A call of a built-in function on already-evaluated arguments.</summary>
internal sealed class CallExpr(string name, Expr[] args, Func<object?[], EvalContext, object?> body, ExprType type) : Expr(type)
{
    public string Name => name;
    public IReadOnlyList<Expr> Args => args;

    /// <summary>The same function on other arguments (literals, when a value is worked out without a session).</summary>
    public CallExpr With(Expr[] other) => new(name, other, body, Type);

    public override object? Eval(EvalContext c)
    {
        var values = new object?[args.Length];
        for (var i = 0; i < args.Length; i++) values[i] = args[i].Eval(c);
        return body(values, c);
    }

    public override string ToString() => $"{name}({string.Join(", ", args.Select(a => a.ToString()))})";
}

internal enum AggregateKind { Count, Sum, Min, Max, Avg, Any, All, Filter, CountDistinct }

/// <summary>
/// An aggregate over a list with an expression evaluated once per instance (<c>avg(readings, systolic)</c>,
/// <c>count(readings, systolic >= 180)</c>). Unanswered values are skipped; see the format reference.
/// </summary>
internal sealed class AggregateExpr(AggregateKind kind, Expr list, Expr? body, int level, ExprType type) : Expr(type)
{
    public Expr List => list;

    /// <summary>The same aggregate over another list expression.</summary>
    public AggregateExpr With(Expr other) => new(kind, other, body, level, Type);

    public override object? Eval(EvalContext c)
    {
        if (list.Eval(c) is not IReadOnlyList<RecordValue> items) return kind == AggregateKind.Count ? 0m : null;
        decimal sum = 0;
        var n = 0; // an int: counting in decimal costs a decimal addition per instance
        object? best = null;
        List<RecordValue>? kept = kind == AggregateKind.Filter ? [] : null;
        HashSet<object>? distinct = kind == AggregateKind.CountDistinct ? [] : null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            c.SetFrame(level, item.Values);
            var v = body is null ? Expr.True : body.Eval(c);
            switch (kind)
            {
                case AggregateKind.Count: if (v is true) n++; break;
                case AggregateKind.Filter: if (v is true) kept!.Add(item); break;
                case AggregateKind.CountDistinct: if (v is not null) distinct!.Add(v); break;
                case AggregateKind.Any: if (v is true) return Expr.True; if (v is null) n++; break;
                case AggregateKind.All: if (v is false) return Expr.False; if (v is null) n++; break;
                case AggregateKind.Sum or AggregateKind.Avg: if (v is decimal d) { sum += d; n++; } break;
                case AggregateKind.Min: if (v is not null && (best is null || Values.Compare(v, best) < 0)) best = v; break;
                case AggregateKind.Max: if (v is not null && (best is null || Values.Compare(v, best) > 0)) best = v; break;
            }
        }
        return kind switch
        {
            AggregateKind.Count => (decimal)n,
            AggregateKind.CountDistinct => (decimal)distinct!.Count,
            AggregateKind.Filter => kept,
            // Three-valued, like && and ||: an instance whose answer is unknown leaves the result unknown.
            AggregateKind.Any => n > 0 ? null : Expr.False,
            AggregateKind.All => n > 0 ? null : Expr.True,
            AggregateKind.Sum => n == 0 ? null : sum,
            AggregateKind.Avg => n == 0 ? null : sum / (decimal)n,
            _ => best,
        };
    }

    private string Name => kind == AggregateKind.CountDistinct ? "count_distinct" : kind.ToString().ToLowerInvariant();

    public override string ToString() => body is null ? $"{Name}({list})" : $"{Name}({list}, {body})";
}

/// <summary>A value shown as text, the way a narrative shows it (a choice as its display text).</summary>
internal sealed class TextOfExpr(Expr operand) : Expr(ExprType.Text)
{
    public Expr Operand => operand;
    public override object? Eval(EvalContext c)
    {
        var v = operand.Eval(c);
        if (v is null) return null;
        return operand.Type.Choice is { } choice ? Functions.Display(choice, v) : Values.Format(v);
    }

    public override string ToString() => $"text({operand})";
}
