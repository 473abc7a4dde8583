using System.Numerics;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;
using Scriban.Syntax;

namespace HistoryEngine.Expressions;

/// <summary>
/// Checks a parsed Scriban expression against the questionnaire's names and types and compiles it into an
/// <see cref="Expr"/> tree. Every problem becomes a diagnostic at its position; the result is then an error
/// expression, so one mistake is reported once, not again by everything around it.
/// </summary>
internal sealed class Binder(DiagnosticBag diagnostics, SourceSpan origin)
{
    /// <summary>The questionnaire-wide items and values the expression reads: its edges in the dependency graph.</summary>
    public HashSet<Symbol> Reads { get; } = [];

    /// <summary>The fields of enclosing repeating-group instances the expression reads, for ordering within an instance.</summary>
    public HashSet<ItemSymbol> FieldReads { get; } = [];

    /// <summary>Set when the expression reads the patient's record (<c>last_value</c>, <c>last_date</c>).</summary>
    public bool ReadsRecord { get; set; }

    public DiagnosticBag Diagnostics => diagnostics;

    public SourceSpan At(ScriptNode? node) => node is null ? origin : ScribanSyntax.Map(origin, node);

    public static Expr ErrorExpr => new LiteralExpr(null, ExprType.Error);

    public Expr Bind(ScriptExpression? node, BindScope scope, int depth = 0)
    {
        if (node is null)
        {
            diagnostics.Report(origin, Codes.EmptyExpression);
            return ErrorExpr;
        }
        if (depth > ScribanSyntax.MaxDepth)
        {
            diagnostics.Report(At(node), Codes.ExpressionTooComplex, ScribanSyntax.MaxDepth);
            return ErrorExpr;
        }
        switch (node)
        {
            case ScriptNestedExpression nested: return Bind(nested.Expression, scope, depth + 1);
            case ScriptLiteral literal: return BindLiteral(literal);
            case ScriptVariableGlobal variable: return BindName(variable, scope);
            case ScriptMemberExpression member: return BindMember(member, scope, depth);
            case ScriptUnaryExpression unary: return BindUnary(unary, scope, depth);
            case ScriptBinaryExpression binary: return BindBinary(binary, scope, depth);
            case ScriptConditionalExpression conditional: return BindConditional(conditional, scope, depth);
            case ScriptFunctionCall call: return BindCall(call, scope, depth);
            case ScriptPipeCall:
                return Unsupported(node, "a pipe (|)", "; call functions as f(x, y)");
            case ScriptVariableLocal:
                return Unsupported(node, "a $ variable", "");
            case ScriptIndexerExpression:
                return Unsupported(node, "indexing with [ ]", "; use an aggregate such as min(list, field)");
            case ScriptArrayInitializerExpression or ScriptObjectInitializerExpression:
                return Unsupported(node, "a list or object written in the expression", "");
            default:
                return Unsupported(node, $"'{node}'", "");
        }
    }

    /// <summary>Binds an expression that must be a condition (true/false).</summary>
    public Expr BindCondition(ScriptExpression? node, BindScope scope, string what)
    {
        var expr = Bind(node, scope);
        if (expr.Type.Kind is not (TypeKind.Boolean or TypeKind.Error))
        {
            diagnostics.Report(At(node), Codes.NotBoolean, what, expr.Type.Describe());
            return ErrorExpr;
        }
        return expr;
    }

    private Expr Unsupported(ScriptNode node, string what, string hint)
    {
        diagnostics.Report(At(node), Codes.UnsupportedSyntax, what, hint);
        return ErrorExpr;
    }

    private Expr BindLiteral(ScriptLiteral literal)
    {
        try
        {
            return literal.Value switch
            {
                null => Error(literal, Codes.NullLiteral, "x"),
                bool b => new LiteralExpr(Expr.Box(b), ExprType.Boolean),
                string s => new LiteralExpr(s, ExprType.Text),
                int or long => new LiteralExpr(Convert.ToDecimal(literal.Value, System.Globalization.CultureInfo.InvariantCulture), ExprType.Integer),
                BigInteger big => new LiteralExpr((decimal)big, ExprType.Integer),
                decimal d => new LiteralExpr(d, ExprType.Decimal),
                double or float => new LiteralExpr(Convert.ToDecimal(literal.Value, System.Globalization.CultureInfo.InvariantCulture), ExprType.Decimal),
                _ => Unsupported(literal, $"the value '{literal.Value}'", ""),
            };
        }
        catch (OverflowException)
        {
            // 1e309 and its like: numbers no questionnaire needs, and that decimal cannot hold.
            return Error(literal, Codes.NumberOutOfRange, literal.ToString()?.Trim());
        }
    }

    private Expr Error(ScriptNode? node, DiagnosticDescriptor descriptor, params object?[] args)
    {
        diagnostics.Report(At(node), descriptor, args);
        return ErrorExpr;
    }

    private Expr BindName(ScriptVariableGlobal variable, BindScope scope)
    {
        var name = variable.Name;
        if (name is "and" or "or" or "not")
            return Error(variable, Codes.WordOperator, name, name == "and" ? "&&" : name == "or" ? "||" : "!");
        for (var s = scope; s is not null; s = s.Outer)
        {
            if (s.LocalName == name) return new FrameExpr(name, s.Level, 0, s.LocalType!);
            if (s.Shape?.Fields.TryGetValue(name, out var field) == true)
                return field switch
                {
                    FieldSymbol f => new FrameExpr(name, s.Level, f.Slot, f.FieldType),
                    ItemSymbol item => ReadField(item, new FrameExpr(name, s.Level, item.Slot, item.Type)),
                    _ => ErrorExpr,
                };
        }
        if (scope.Namespace.Names.TryGetValue(name, out var symbol)) return BindSymbol(symbol, variable, allowModule: false, scope);
        if (name == PatientFields.Name) return Error(variable, Codes.PatientAlone, PatientFields.List);
        var near = HistoryEngine.Diagnostics.Suggestions.Nearest(name, AllNames(scope));
        return Error(variable, Codes.UnknownName, name, near is null ? "" : $"; did you mean '{near}'?");
    }

    /// <summary>
    /// <c>item('1.1')</c> names an item whose id is not a plain word, as FHIR linkIds often are. The id must be
    /// written in the expression, so it is checked at load like any other name.
    /// </summary>
    private Expr BindItemByName(ScriptFunctionCall call, BindScope scope)
    {
        if (call.Arguments.Count != 1 || call.Arguments[0] is not ScriptLiteral { Value: string id })
            return Error(call, Codes.ArgumentCount, "item", "one item id written in quotes", $"{call.Arguments.Count} arguments");
        for (var s = scope; s is not null; s = s.Outer)
            if (s.Shape?.Fields.TryGetValue(id, out var field) == true && field is ItemSymbol item)
                return ReadField(item, new FrameExpr($"item('{id}')", s.Level, item.Slot, item.Type));
        if (scope.Namespace.Names.TryGetValue(id, out var symbol)) return BindSymbol(symbol, call, allowModule: false, scope);
        return Error(call.Arguments[0], Codes.UnknownName, id, "");
    }

    /// <summary>
    /// <c>module.narrative</c>: the included module's own narrative, so the history that includes a module four
    /// times writes its narrative once. Only in a narrative, where the module's template finds what it expects.
    /// </summary>
    private Expr BindModuleNarrative(ModuleSymbol module, ScriptMemberExpression at, BindScope scope)
    {
        var inNarrative = false;
        for (var s = scope; s is not null; s = s.Outer) inNarrative |= s.Shape == Rendering.NarrativeGlobals.Globals;
        if (!inNarrative)
            return Error(at.Member, Codes.TypeMismatch, $"'{module.LocalName}.narrative' can only be used in a narrative template");
        if (module.Inner.Definition.Narrative is null)
            return Error(at.Member, Codes.NoMember, module.LocalName, "narrative", " (the included file has no narrative)");
        return new ModuleNarrativeExpr(module);
    }

    private FrameExpr ReadField(ItemSymbol item, FrameExpr expr)
    {
        FieldReads.Add(item);
        return expr;
    }

    private static bool IsLocal(string name, BindScope scope)
    {
        for (var s = scope; s is not null; s = s.Outer)
            if (s.LocalName == name || s.Shape?.Fields.ContainsKey(name) == true) return true;
        return false;
    }

    private static IEnumerable<string> AllNames(BindScope scope)
    {
        for (var s = scope; s is not null; s = s.Outer)
        {
            if (s.LocalName is not null) yield return s.LocalName;
            if (s.Shape is not null) foreach (var k in s.Shape.Fields.Keys) yield return k;
        }
        foreach (var k in scope.Namespace.Names.Keys) yield return k;
    }

    private Expr BindSymbol(Symbol symbol, ScriptNode? at, bool allowModule, BindScope? scope = null)
    {
        switch (symbol)
        {
            case ItemSymbol { Frame: not null } item:
                var group = item.Frame.Owner!.LocalName;
                // Inside {{ for r in readings }}, each reading's fields are r.systolic, not systolic.
                return Error(at, Codes.ValueInRepeat, "this expression", item.LocalName, group, LoopOver(item.Frame, scope) is { } loop
                    ? $"inside 'for {loop} in {group}' write {loop}.{item.LocalName}"
                    : $"use an aggregate such as count({group}) or any({group}, ...)");
            case ItemSymbol item:
                Reads.Add(item);
                return new GlobalExpr(item, item.Slot, item.Type);
            case ValueSymbol value:
                value.EnsureBound?.Invoke();
                Reads.Add(value);
                return new GlobalExpr(value, value.Slot, value.Type);
            case ModuleSymbol module when allowModule:
                return new ModuleRefExpr(module);
            case ModuleSymbol module:
                return Error(at, Codes.TypeMismatch, $"'{module.LocalName}' is an included module: name one of its items or values, such as {module.LocalName}.{module.Inner.Names.Keys.FirstOrDefault()}");
            default:
                return ErrorExpr;
        }
    }

    /// <summary>The name of the template loop variable that goes through instances of <paramref name="frame"/>, if inside one.</summary>
    private static string? LoopOver(RecordShape frame, BindScope? scope)
    {
        for (var s = scope; s is not null; s = s.Outer)
            if (s.LocalName is not null && s.LocalType?.Shape == frame) return s.LocalName;
        return null;
    }

    private Expr BindMember(ScriptMemberExpression member, BindScope scope, int depth)
    {
        if (member.Target is ScriptVariableGlobal { Name: PatientFields.Name } && !IsLocal(PatientFields.Name, scope)
            && !scope.Namespace.Names.ContainsKey(PatientFields.Name))
            return BindPatientField(member);
        var target = member.Target is ScriptVariableGlobal g && !IsLocal(g.Name, scope) && scope.Namespace.Names.TryGetValue(g.Name, out var sym) && sym is ModuleSymbol
            ? BindSymbol(sym, g, allowModule: true)
            : Bind(member.Target, scope, depth + 1);
        var name = member.Member?.Name ?? "";
        if (target is ModuleRefExpr module)
        {
            if (module.Module.Inner.Names.TryGetValue(name, out var inner)) return BindSymbol(inner, member.Member, allowModule: true);
            if (name == "narrative") return BindModuleNarrative(module.Module, member, scope);
            var near = HistoryEngine.Diagnostics.Suggestions.Nearest(name, module.Module.Inner.Names.Keys);
            return Error(member.Member, Codes.NoMember, module.Module.LocalName, name, near is null ? "" : $"; did you mean '{near}'?");
        }
        if (target.Type.Kind == TypeKind.Error) return ErrorExpr;
        if (target.Type.Kind != TypeKind.Record || target.Type.Shape is null)
            return Error(member.Member, Codes.NoMember, target.ToString(), name, $" ({target.Type.Describe()} has no fields)");
        if (!target.Type.Shape.Fields.TryGetValue(name, out var field))
        {
            var near = HistoryEngine.Diagnostics.Suggestions.Nearest(name, target.Type.Shape.Fields.Keys);
            return Error(member.Member, Codes.NoMember, target.ToString(), name, near is null ? "" : $"; did you mean '{near}'?");
        }
        return field switch
        {
            FieldSymbol f => new MemberExpr(target, name, f.Slot, f.FieldType),
            ItemSymbol item => new MemberExpr(target, name, item.Slot, item.Type),
            _ => ErrorExpr,
        };
    }

    /// <summary><c>patient.age</c>: a declared field of the patient's context; any other name is refused here, at load.</summary>
    private Expr BindPatientField(ScriptMemberExpression member)
    {
        var name = member.Member?.Name ?? "";
        if (PatientFields.All.TryGetValue(name, out var field)) return new PatientFieldExpr(field);
        var near = HistoryEngine.Diagnostics.Suggestions.Nearest(name, PatientFields.All.Keys);
        return Error(member.Member, Codes.PatientFieldUnknown, name, near is null ? "" : $"; did you mean 'patient.{near}'?", PatientFields.List);
    }

    private Expr BindUnary(ScriptUnaryExpression unary, BindScope scope, int depth)
    {
        var operand = Bind(unary.Right, scope, depth + 1);
        if (operand.Type.Kind == TypeKind.Error) return ErrorExpr;
        switch (unary.Operator)
        {
            case ScriptUnaryOperator.Not when operand.Type.Kind == TypeKind.Boolean: return new NotExpr(operand);
            case ScriptUnaryOperator.Not:
                return Error(unary, Codes.TypeMismatch, $"'!' needs true/false, not {operand.Type.Describe()}");
            case ScriptUnaryOperator.Negate when operand.Type.IsNumber: return new NegateExpr(operand);
            case ScriptUnaryOperator.Plus when operand.Type.IsNumber: return operand;
            case ScriptUnaryOperator.Negate or ScriptUnaryOperator.Plus:
                return Error(unary, Codes.TypeMismatch, $"'{unary.OperatorAsText}' needs a number, not {operand.Type.Describe()}");
            default:
                return Unsupported(unary, $"the operator '{unary.OperatorAsText}'", "");
        }
    }

    private Expr BindConditional(ScriptConditionalExpression node, BindScope scope, int depth)
    {
        var condition = BindCondition(node.Condition, scope, "the condition before '?'");
        var then = Bind(node.ThenValue, scope, depth + 1);
        var otherwise = Bind(node.ElseValue, scope, depth + 1);
        if (then.Type.Kind == TypeKind.Error || otherwise.Type.Kind == TypeKind.Error || condition.Type.Kind == TypeKind.Error) return ErrorExpr;
        (then, otherwise) = AsTextIfMixed(AsCodeIfOption(then, otherwise), AsCodeIfOption(otherwise, then));
        var type = Unify(then.Type, otherwise.Type);
        if (type is null)
            return Error(node, Codes.TypeMismatch, $"both sides of ': ' must be of one type, not {then.Type.Describe()} and {otherwise.Type.Describe()}");
        return new ConditionalExpr(condition, then, otherwise, type);
    }

    /// <summary>
    /// A written text that is one of the other side's option codes is that code, not text: <c>pregnant ?? 'no'</c> is
    /// the choice's code "no" when unanswered (so <c>(pregnant ?? 'no') != 'no'</c> means what it says), where turning
    /// the choice into its text would compare the display "No" with the code "no". Other text (<c>?? 'not known'</c>)
    /// stays text, for the narrative.
    /// </summary>
    private static Expr AsCodeIfOption(Expr side, Expr other) =>
        side is LiteralExpr { Value: string code } && other.Type is { Kind: TypeKind.Code, Choice: { } choice }
        && choice.OptionsByCode.ContainsKey(code)
            ? new LiteralExpr(code, other.Type)
            : side;

    /// <summary>
    /// Where one side is text and the other a single value of another kind (<c>days ?? 'not known'</c>), the other
    /// side is turned into its text, so the result is text at run time as well as in the checker.
    /// </summary>
    private static (Expr, Expr) AsTextIfMixed(Expr a, Expr b)
    {
        static bool Scalar(ExprType t) => t.Kind is TypeKind.Number or TypeKind.Boolean or TypeKind.Date or TypeKind.DateTime or TypeKind.Code or TypeKind.CodeSet;
        if (a.Type.Kind == TypeKind.Text && Scalar(b.Type)) return (a, new TextOfExpr(b));
        if (b.Type.Kind == TypeKind.Text && Scalar(a.Type)) return (new TextOfExpr(a), b);
        return (a, b);
    }

    /// <summary>The common type of two branches, or null when they cannot mix.</summary>
    internal static ExprType? Unify(ExprType a, ExprType b)
    {
        if (a.IsNumber && b.IsNumber) return a.IsInteger && b.IsInteger ? ExprType.Integer : ExprType.Decimal;
        if (a.Kind == b.Kind && a.Kind is TypeKind.Code or TypeKind.CodeSet) return a.Choice == b.Choice ? a : ExprType.Text;
        if (a.Kind == TypeKind.Code && b.Kind == TypeKind.Text || a.Kind == TypeKind.Text && b.Kind == TypeKind.Code) return ExprType.Text;
        if (a.Kind == b.Kind && a.Kind is TypeKind.Record or TypeKind.List) return a.Shape == b.Shape ? a : null;
        return a.Kind == b.Kind ? a : null;
    }

    private Expr BindCall(ScriptFunctionCall call, BindScope scope, int depth)
    {
        if (call.Target is not ScriptVariableGlobal name)
        {
            var words = call.Arguments.OfType<ScriptVariableGlobal>().FirstOrDefault(a => a.Name is "and" or "or");
            if (words is not null) return Error(words, Codes.WordOperator, words.Name, words.Name == "and" ? "&&" : "||");
            return Unsupported(call, "a value followed by a space and another value", "; join conditions with && or ||, and call functions as f(x)");
        }
        if (name.Name is "not") return Error(name, Codes.WordOperator, "not", "!");
        if (name.Name is "item") return BindItemByName(call, scope);
        if (!call.ExplicitCall)
        {
            var word = call.Arguments.OfType<ScriptVariableGlobal>().FirstOrDefault(a => a.Name is "and" or "or");
            if (word is not null) return Error(word, Codes.WordOperator, word.Name, word.Name == "and" ? "&&" : "||");
            if (!Functions.IsFunction(name.Name)) return Unsupported(call, "a name followed by a space and another value", "; join conditions with && or ||");
        }
        return Functions.Bind(this, name.Name, call, call.Arguments.ToArray(), scope, depth + 1);
    }

    private Expr BindBinary(ScriptBinaryExpression binary, BindScope scope, int depth)
    {
        if (binary.Left is ScriptLiteral { Value: null } || binary.Right is ScriptLiteral { Value: null })
        {
            var other = binary.Left is ScriptLiteral { Value: null } ? binary.Right : binary.Left;
            return Error(binary, Codes.NullLiteral, other?.ToString()?.Trim() ?? "x");
        }
        var left = Bind(binary.Left, scope, depth + 1);
        var right = Bind(binary.Right, scope, depth + 1);
        if (left.Type.Kind == TypeKind.Error || right.Type.Kind == TypeKind.Error) return ErrorExpr;
        var op = binary.Operator;
        switch (op)
        {
            case ScriptBinaryOperator.And or ScriptBinaryOperator.Or:
                if (left.Type.Kind != TypeKind.Boolean || right.Type.Kind != TypeKind.Boolean)
                    return Error(binary, Codes.TypeMismatch, $"'{binary.OperatorAsText}' joins true/false conditions, not {left.Type.Describe()} and {right.Type.Describe()}");
                return new LogicExpr(left, right, op == ScriptBinaryOperator.And);
            case ScriptBinaryOperator.EmptyCoalescing:
                (left, right) = AsTextIfMixed(AsCodeIfOption(left, right), AsCodeIfOption(right, left));
                var type = Unify(left.Type, right.Type);
                if (type is null)
                    return Error(binary, Codes.TypeMismatch, $"both sides of '??' must be of one type, not {left.Type.Describe()} and {right.Type.Describe()}");
                return new CoalesceExpr(left, right, type);
            case ScriptBinaryOperator.CompareEqual or ScriptBinaryOperator.CompareNotEqual:
                return BindEquality(binary, left, right, op == ScriptBinaryOperator.CompareEqual ? BinaryOp.Equal : BinaryOp.NotEqual);
            case ScriptBinaryOperator.CompareLess or ScriptBinaryOperator.CompareLessOrEqual
                or ScriptBinaryOperator.CompareGreater or ScriptBinaryOperator.CompareGreaterOrEqual:
                return BindOrdering(binary, left, right);
            case ScriptBinaryOperator.Add or ScriptBinaryOperator.Subtract
                or ScriptBinaryOperator.Multiply or ScriptBinaryOperator.Divide or ScriptBinaryOperator.Modulus:
                return BindArithmetic(binary, left, right);
            default:
                return Unsupported(binary, $"the operator '{binary.OperatorAsText}'", "");
        }
    }

    private Expr BindEquality(ScriptBinaryExpression binary, Expr left, Expr right, BinaryOp op)
    {
        // A choice compared with a written code: the code must be one of its options.
        if (left.Type.Kind == TypeKind.Code && right is LiteralExpr { Value: string code }) CheckCode(left.Type, code, binary.Right);
        else if (right.Type.Kind == TypeKind.Code && left is LiteralExpr { Value: string code2 }) CheckCode(right.Type, code2, binary.Left);
        else if (left.Type.Kind == TypeKind.CodeSet || right.Type.Kind == TypeKind.CodeSet)
            return Error(binary, Codes.TypeMismatch, "a multiple choice cannot be compared with ==; use contains(item, 'code')");
        var comparable = (left.Type.Kind, right.Type.Kind) switch
        {
            (TypeKind.Number, TypeKind.Number) => true,
            (TypeKind.Code or TypeKind.Text, TypeKind.Code or TypeKind.Text) => true,
            var (a, b) => a == b && a is TypeKind.Boolean or TypeKind.Date or TypeKind.DateTime,
        };
        if (!comparable)
            return Error(binary, Codes.TypeMismatch, $"cannot compare {left.Type.Describe()} with {right.Type.Describe()}{DateHint(left, right)}");
        return new BinaryExpr(op, left, right, ExprType.Boolean);
    }

    public bool CheckCode(ExprType choiceType, string code, ScriptNode? at)
    {
        if (choiceType.Choice is not { } item || item.OptionsByCode.ContainsKey(code)) return true;
        diagnostics.Report(At(at), Codes.UnknownOption, code, item.Id, string.Join(", ", item.Definition.Options.Select(o => o.Code)));
        return false;
    }

    private Expr BindOrdering(ScriptBinaryExpression binary, Expr left, Expr right)
    {
        var ok = (left.Type.Kind, right.Type.Kind) is (TypeKind.Number, TypeKind.Number) or (TypeKind.Date, TypeKind.Date)
            or (TypeKind.DateTime, TypeKind.DateTime);
        if (!ok)
            return Error(binary, Codes.TypeMismatch,
                $"'{binary.OperatorAsText}' compares two numbers, two dates or two date-times, not {left.Type.Describe()} and {right.Type.Describe()}{DateHint(left, right)}");
        var op = binary.Operator switch
        {
            ScriptBinaryOperator.CompareLess => BinaryOp.Less,
            ScriptBinaryOperator.CompareLessOrEqual => BinaryOp.LessOrEqual,
            ScriptBinaryOperator.CompareGreater => BinaryOp.Greater,
            _ => BinaryOp.GreaterOrEqual,
        };
        return new BinaryExpr(op, left, right, ExprType.Boolean);
    }

    private static bool IsTime(Expr e) => e.Type.Kind is TypeKind.Date or TypeKind.DateTime;

    /// <summary>How to compare a date with a date-time, or with a date written as text.</summary>
    private static string DateHint(Expr left, Expr right) => (left.Type.Kind, right.Type.Kind) switch
    {
        (TypeKind.Date, TypeKind.DateTime) or (TypeKind.DateTime, TypeKind.Date) => "; compare days with date(x), the day of a date-time",
        (TypeKind.Date or TypeKind.DateTime, TypeKind.Text) or (TypeKind.Text, TypeKind.Date or TypeKind.DateTime) =>
            "; write a date as date('2026-03-01') or a date-time as datetime('2026-03-01T08:00')",
        _ => "",
    };

    /// <summary>Dates are not numbers: say which function does what the author meant.</summary>
    private static string ArithmeticHint(BinaryOp op, Expr left, Expr right) => op switch
    {
        BinaryOp.Subtract when IsTime(left) && IsTime(right) => "; days between two dates are days_between(a, b)",
        BinaryOp.Add or BinaryOp.Subtract when IsTime(left) || IsTime(right) => "; move a date with add_days, add_weeks or add_months (a negative number goes back)",
        _ => "",
    };

    private Expr BindArithmetic(ScriptBinaryExpression binary, Expr left, Expr right)
    {
        var op = binary.Operator switch
        {
            ScriptBinaryOperator.Add => BinaryOp.Add,
            ScriptBinaryOperator.Multiply => BinaryOp.Multiply,
            ScriptBinaryOperator.Divide => BinaryOp.Divide,
            ScriptBinaryOperator.Modulus => BinaryOp.Modulo,
            _ => BinaryOp.Subtract,
        };
        if (op == BinaryOp.Add && left.Type.Kind is TypeKind.Text or TypeKind.Code && right.Type.Kind is TypeKind.Text or TypeKind.Code)
            return new BinaryExpr(op, left, right, ExprType.Text);
        if (!left.Type.IsNumber || !right.Type.IsNumber)
            return Error(binary, Codes.TypeMismatch, $"'{binary.OperatorAsText}' needs two numbers, not {left.Type.Describe()} and {right.Type.Describe()}{ArithmeticHint(op, left, right)}");
        var integer = left.Type.IsInteger && right.Type.IsInteger && op is not BinaryOp.Divide;
        return new BinaryExpr(op, left, right, integer ? ExprType.Integer : ExprType.Decimal);
    }
}

/// <summary>An included module's narrative, rendered where the including narrative names it.</summary>
internal sealed class ModuleNarrativeExpr(ModuleSymbol module) : Expr(ExprType.Text)
{
    public override object? Eval(EvalContext c)
    {
        // The module's template is compiled after the including file's, so it is looked up when it is rendered.
        if (module.Inner.Narrative is not { } template) return null;
        var saved = c.SaveFrames();
        try { return template.Render(c).Trim(); }
        finally { c.RestoreFrames(saved); }
    }

    public override string ToString() => module.Id + ".narrative";
}

/// <summary>A module name on its own: only meaningful before a dot (<c>phq9.total</c>).</summary>
internal sealed class ModuleRefExpr(ModuleSymbol module) : Expr(ExprType.Error)
{
    public ModuleSymbol Module { get; } = module;
    public override object? Eval(EvalContext c) => null;
    public override string ToString() => Module.Id;
}
