using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;
using HistoryEngine.Runtime;
using Hl7.Fhir.Model;
using Scriban.Syntax;

namespace HistoryEngine.Fhir;

/// <summary>
/// Says an enable_when in R4 enableWhen when that means exactly the same, for FHIR tools that do not read the
/// engine's own extension. The engine's conditions are three-valued and an unanswered or disabled question has no
/// value; R4 enableWhen treats such a question as not answered, and <c>!=</c> (as R5 defines it, which this engine
/// follows) is met by it. So each form below is met in the same cases:
/// <list type="bullet">
/// <item><c>b</c>, <c>!b</c>, <c>b == true</c>, <c>b != false</c> on a yes/no question: <c>= true</c> / <c>= false</c>;</item>
/// <item><c>x == 'code'</c> on a choice, text or number (<c>&lt; &lt;= &gt; &gt;=</c> on numbers), and
/// <c>contains(m, 'code')</c> on a multiple choice: <c>=</c> (or the comparison);</item>
/// <item><c>x != 'code'</c> and <c>!contains(m, 'code')</c>, unknown when unanswered: <c>exists true</c> and <c>!=</c>,
/// so only where every condition must hold (behaviour all);</item>
/// <item><c>!answered(x) || x != 'code'</c> (how an R4 <c>!=</c> reads in): <c>!=</c>;</item>
/// <item><c>answered(x)</c> and <c>!answered(x)</c>: <c>exists true</c> / <c>exists false</c>;</item>
/// <item>any number of these joined all by <c>&amp;&amp;</c> (behaviour all) or all by <c>||</c> (any).</item>
/// </list>
/// Anything else (a value, a score, a date, an item inside a repeating group, mixed and/or) is left to the extension.
/// </summary>
internal static class EnableWhenTranslator
{
    public sealed record Result(List<Questionnaire.EnableWhenComponent> Conditions, bool All);

    public static Result? Translate(ItemSymbol owner, ExpressionSource source)
    {
        var syntax = ScribanSyntax.ParseExpression(source, new DiagnosticBag());
        if (syntax is null) return null;
        var parts = new List<ScriptExpression>();
        bool? all = null;
        if (!Flatten(owner.Namespace, syntax, parts, ref all)) return null;
        var conditions = new List<Questionnaire.EnableWhenComponent>();
        var needsAll = false;
        foreach (var part in parts)
        {
            if (Conditions(owner.Namespace, part) is not { } said) return null;
            needsAll |= said.Count > 1;
            conditions.AddRange(said);
        }
        // "answered and not equal" needs two conditions that must both hold: not inside an "any".
        if (needsAll && all == false) return null;
        return new Result(conditions, all ?? true);
    }

    private static ScriptExpression? Unwrap(ScriptExpression? e)
    {
        while (e is ScriptNestedExpression nested) e = nested.Expression;
        return e;
    }

    private static bool Flatten(Namespace ns, ScriptExpression? e, List<ScriptExpression> parts, ref bool? all)
    {
        e = Unwrap(e);
        if (e is null) return false;
        if (e is ScriptBinaryExpression { Operator: ScriptBinaryOperator.And or ScriptBinaryOperator.Or } logic && NotEqualAsR5(ns, logic) is null)
        {
            var isAnd = logic.Operator == ScriptBinaryOperator.And;
            if (all is { } seen && seen != isAnd) return false;
            all = isAnd;
            return Flatten(ns, logic.Left, parts, ref all) && Flatten(ns, logic.Right, parts, ref all);
        }
        parts.Add(e);
        return true;
    }

    /// <summary>One part of the condition as one or two enableWhen conditions (two must both hold), or null.</summary>
    private static List<Questionnaire.EnableWhenComponent>? Conditions(Namespace ns, ScriptExpression? e)
    {
        if (e is ScriptBinaryExpression { Operator: ScriptBinaryOperator.Or } or && NotEqualAsR5(ns, or) is { } r5) return [r5];
        var negated = false;
        if (e is ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not } not)
        {
            negated = true;
            e = Unwrap(not.Right);
        }
        switch (e)
        {
            case ScriptVariableGlobal or ScriptMemberExpression or ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "item" } }
                when Question(ns, e) is { ItemType: ItemType.Boolean } b:
                return [New(b, Questionnaire.QuestionnaireItemOperator.Equal, new FhirBoolean(!negated))];
            case ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "answered" } } call when call.Arguments.Count == 1
                && Question(ns, call.Arguments[0]) is { } answered:
                return [New(answered, Questionnaire.QuestionnaireItemOperator.Exists, new FhirBoolean(!negated))];
            case ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "contains" } } call when call.Arguments.Count == 2
                && Question(ns, call.Arguments[0]) is { ItemType: ItemType.MultipleChoice } m
                && Unwrap(call.Arguments[1]) is ScriptLiteral { Value: string code } && Option(m, code) is { } coding:
                return negated
                    ? [New(m, Questionnaire.QuestionnaireItemOperator.Exists, new FhirBoolean(true)), New(m, Questionnaire.QuestionnaireItemOperator.NotEqual, coding)]
                    : [New(m, Questionnaire.QuestionnaireItemOperator.Equal, coding)];
            case ScriptBinaryExpression binary when !negated && Comparison(ns, binary) is { } comparison:
                if (comparison.Operator != Questionnaire.QuestionnaireItemOperator.NotEqual) return [comparison];
                // On a yes/no question, "not true" is "false" (both unknown when unanswered).
                if (comparison.Answer is FhirBoolean { Value: { } value })
                    return [new() { Question = comparison.Question, Operator = Questionnaire.QuestionnaireItemOperator.Equal, Answer = new FhirBoolean(!value) }];
                return [new() { Question = comparison.Question, Operator = Questionnaire.QuestionnaireItemOperator.Exists, Answer = new FhirBoolean(true) }, comparison];
            default:
                return null;
        }
    }

    /// <summary><c>!answered(x) || x != v</c> (or <c>|| !contains(x, v)</c>): exactly R5's <c>!=</c>.</summary>
    private static Questionnaire.EnableWhenComponent? NotEqualAsR5(Namespace ns, ScriptBinaryExpression or)
    {
        if (or.Operator != ScriptBinaryOperator.Or) return null;
        if (Unwrap(or.Left) is not ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not } not
            || Unwrap(not.Right) is not ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "answered" } } answered
            || answered.Arguments.Count != 1 || Question(ns, answered.Arguments[0]) is not { } question) return null;
        var right = Unwrap(or.Right);
        Questionnaire.EnableWhenComponent? condition = right switch
        {
            ScriptBinaryExpression { Operator: ScriptBinaryOperator.CompareNotEqual } binary => Comparison(ns, binary),
            ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not } n when Unwrap(n.Right) is ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "contains" } } call
                && call.Arguments.Count == 2 && Question(ns, call.Arguments[0]) == question
                && Unwrap(call.Arguments[1]) is ScriptLiteral { Value: string code } && Option(question, code) is { } coding
                => New(question, Questionnaire.QuestionnaireItemOperator.NotEqual, coding),
            _ => null,
        };
        return condition?.Question == question.Id && condition.Operator == Questionnaire.QuestionnaireItemOperator.NotEqual ? condition : null;
    }

    private static Questionnaire.EnableWhenComponent? Comparison(Namespace ns, ScriptBinaryExpression binary)
    {
        var op = binary.Operator;
        var (left, right) = (Unwrap(binary.Left), Unwrap(binary.Right));
        if (left is ScriptLiteral && right is not ScriptLiteral)
        {
            (left, right) = (right, left);
            op = op switch
            {
                ScriptBinaryOperator.CompareLess => ScriptBinaryOperator.CompareGreater,
                ScriptBinaryOperator.CompareGreater => ScriptBinaryOperator.CompareLess,
                ScriptBinaryOperator.CompareLessOrEqual => ScriptBinaryOperator.CompareGreaterOrEqual,
                ScriptBinaryOperator.CompareGreaterOrEqual => ScriptBinaryOperator.CompareLessOrEqual,
                _ => op,
            };
        }
        if (Question(ns, left) is not { } question || right is not ScriptLiteral { Value: { } literal }) return null;
        Questionnaire.QuestionnaireItemOperator? fhirOp = op switch
        {
            ScriptBinaryOperator.CompareEqual => Questionnaire.QuestionnaireItemOperator.Equal,
            ScriptBinaryOperator.CompareNotEqual => Questionnaire.QuestionnaireItemOperator.NotEqual,
            ScriptBinaryOperator.CompareLess => Questionnaire.QuestionnaireItemOperator.LessThan,
            ScriptBinaryOperator.CompareLessOrEqual => Questionnaire.QuestionnaireItemOperator.LessOrEqual,
            ScriptBinaryOperator.CompareGreater => Questionnaire.QuestionnaireItemOperator.GreaterThan,
            ScriptBinaryOperator.CompareGreaterOrEqual => Questionnaire.QuestionnaireItemOperator.GreaterOrEqual,
            _ => null,
        };
        if (fhirOp is not { } o) return null;
        var ordering = o is not (Questionnaire.QuestionnaireItemOperator.Equal or Questionnaire.QuestionnaireItemOperator.NotEqual);
        DataType? answer = (question.ItemType, literal) switch
        {
            (ItemType.Boolean, bool b) when !ordering => new FhirBoolean(b),
            (ItemType.Choice, string code) when !ordering => Option(question, code),
            (ItemType.Text or ItemType.LongText, string s) when !ordering => new FhirString(s),
            (ItemType.Integer, int or long) => new Integer(Convert.ToInt32(literal, System.Globalization.CultureInfo.InvariantCulture)),
            (ItemType.Decimal, int or long or decimal) => new FhirDecimal(Convert.ToDecimal(literal, System.Globalization.CultureInfo.InvariantCulture)),
            _ => null,
        };
        return answer is null ? null : New(question, o, answer);
    }

    /// <summary>A question named in the expression, answered once (not inside a repeating group); null for values and the rest.</summary>
    private static ItemSymbol? Question(Namespace ns, ScriptExpression? e)
    {
        e = Unwrap(e);
        Symbol? symbol = null;
        if (e is ScriptVariableGlobal g) ns.Names.TryGetValue(g.Name, out symbol);
        else if (e is ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "item" } } call && call.Arguments.Count == 1
                 && Unwrap(call.Arguments[0]) is ScriptLiteral { Value: string id })
            ns.Names.TryGetValue(id, out symbol);
        else if (e is ScriptMemberExpression { Target: ScriptVariableGlobal target, Member: { } member }
                 && ns.Names.TryGetValue(target.Name, out var module) && module is ModuleSymbol m)
            m.Inner.Names.TryGetValue(member.Name, out symbol);
        return symbol is ItemSymbol { IsRoot: true, Definition.IsQuestion: true } item ? item : null;
    }

    private static Coding? Option(ItemSymbol item, string code) =>
        item.OptionsByCode.TryGetValue(code, out var o) ? new Coding(o.System, o.Code, o.Display) : null;

    private static Questionnaire.EnableWhenComponent New(ItemSymbol question, Questionnaire.QuestionnaireItemOperator op, DataType answer) =>
        new() { Question = question.Id, Operator = op, Answer = answer };
}
