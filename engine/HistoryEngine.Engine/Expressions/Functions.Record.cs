using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;
using Scriban.Syntax;

namespace HistoryEngine.Expressions;

/// <summary>
/// The record functions a care plan reads the patient's record over time with: entries filed under a code (the first,
/// the nth latest, those in a period, whether one was filed since a date) and the questionnaires the patient sent.
/// Nothing dated after the evaluation's now is seen. See docs/format.md, "Care plans".
/// </summary>
internal static partial class Functions
{
    /// <summary>
    /// The code a record function names: in a care plan, a name declared under <c>codes</c> (or a declared
    /// 'system|code'); in a questionnaire, 'system|code'. Null, reported at the argument, otherwise.
    /// </summary>
    internal static (string System, string Code)? RecordCode(Binder b, string name, ScriptExpression at, Expr bound)
    {
        var vocabulary = RecordVocabulary.Current;
        if (bound is not LiteralExpr { Value: string token })
        {
            b.Diagnostics.Report(b.At(at), Codes.TypeMismatch, vocabulary is null
                ? $"'{name}' needs a code written in quotes as 'system|code', such as '{name}('http://snomed.info/sct|413606001')'"
                : $"'{name}' needs a code name written in quotes, one of those declared under 'codes', such as {name}('{vocabulary.Codes.Keys.FirstOrDefault()}')");
            return null;
        }
        if (token.Split('|') is [{ Length: > 0 } system, { Length: > 0 } code])
        {
            if (vocabulary is null || vocabulary.Codes.Values.Contains((system, code))) return (system, code);
            b.Diagnostics.Report(b.At(at), Codes.CarePlanUnknownCode, token, "; declare it there with a name, and write the name");
            return null;
        }
        if (vocabulary is not null && vocabulary.Codes.TryGetValue(token, out var declared)) return declared;
        if (vocabulary is null)
        {
            b.Diagnostics.Report(b.At(at), Codes.TypeMismatch, $"'{name}' needs a code written in quotes as 'system|code', such as '{name}('http://snomed.info/sct|413606001')'");
            return null;
        }
        var near = Suggestions.Nearest(token, vocabulary.Codes.Keys);
        b.Diagnostics.Report(b.At(at), Codes.CarePlanUnknownCode, token, near is null ? "" : $"; did you mean '{near}'?");
        return null;
    }

    private static IEnumerable<ContextObservation> Filed(EvalContext c, string system, string code) =>
        c.Patient.Observations.IsDefaultOrEmpty ? [] : c.Patient.Observations
            .Where(o => o.Effective <= c.Now && o.Codings.Any(k => k.System == system && k.Code == code));

    private static Expr BindRecordCall(Binder b, string name, ScriptNode call, ScriptExpression[] args, Expr[] bound,
        Func<Expr> wrongCount, Func<string, int, Expr> mismatch)
    {
        var count = name switch { "first_date" => 1, "avg_between" or "max_between" => 3, _ => 2 };
        if (bound.Length != count) return wrongCount();
        if (RecordCode(b, name, args[0], bound[0]) is not { } key) return Binder.ErrorExpr;
        var (system, code) = key;
        b.ReadsRecord = true;
        for (var i = 1; i < count; i++)
        {
            var wantsNumber = name is "nth_value" or "nth_date";
            if (wantsNumber && !bound[i].Type.IsInteger) return mismatch("a whole number second (1 is the latest)", i);
            if (!wantsNumber && bound[i].Type.Kind is not (TypeKind.Date or TypeKind.DateTime)) return mismatch("dates after the code", i);
        }
        Expr Call(ExprType type, Func<object?[], EvalContext, object?> body) => new CallExpr(name, bound, body, type);
        static DateOnly? Day(object? v) => v switch { DateOnly d => d, DateTime t => DateOnly.FromDateTime(t), _ => null };
        static DateOnly DayOf(ContextObservation o) => DateOnly.FromDateTime(o.Effective);
        // Unanswered is not zero: an unknown date gives an unknown result, and no value in a period is unknown, not 0.
        IEnumerable<ContextObservation>? Between(object?[] v, EvalContext c) =>
            Day(v[1]) is { } from && Day(v[2]) is { } to ? Filed(c, system, code).Where(o => DayOf(o) >= from && DayOf(o) <= to) : null;
        // Latest first; readings of the same date and time, the later filed first (the same order for every code, so a
        // diary's systolic and diastolic stay a pair), then as given.
        ContextObservation? Nth(object?[] v, EvalContext c, bool numberOnly) =>
            v[1] is decimal n && n >= 1 && n == decimal.Truncate(n)
                ? Filed(c, system, code).Where(o => !numberOnly || o.Number is not null)
                    .OrderByDescending(o => o.Effective).ThenByDescending(o => o.Filed ?? DateTime.MinValue).ElementAtOrDefault((int)n - 1)
                : null;
        return name switch
        {
            "first_date" => Call(ExprType.Date, (_, c) => Filed(c, system, code).MinBy(o => o.Effective) is { } o ? DayOf(o) : null),
            "filed_since" => Call(ExprType.Boolean, (v, c) => Day(v[1]) is { } since ? Expr.Box(Filed(c, system, code).Any(o => DayOf(o) >= since)) : null),
            "count_since" => Call(ExprType.Integer, (v, c) => Day(v[1]) is { } since ? (decimal)Filed(c, system, code).Count(o => DayOf(o) >= since) : null),
            "nth_value" => Call(ExprType.Decimal, (v, c) => Nth(v, c, numberOnly: true)?.Number),
            "nth_date" => Call(ExprType.Date, (v, c) => Nth(v, c, numberOnly: false) is { } o ? DayOf(o) : null),
            "avg_between" => Call(ExprType.Decimal, (v, c) => Between(v, c)?.Where(o => o.Number is not null).Select(o => o.Number!.Value).ToList() is { Count: > 0 } xs ? xs.Average() : null),
            _ => Call(ExprType.Decimal, (v, c) => Between(v, c)?.Where(o => o.Number is not null).Select(o => o.Number!.Value).ToList() is { Count: > 0 } xs ? xs.Max() : null),
        };
    }

    /// <summary><c>last_submitted('id')</c>: the day the patient last sent it; <c>last_flagged('id', 'urgent')</c>: whether the
    /// last one sent raised a flag at that level or higher (false when none was sent).</summary>
    private static Expr BindSubmissionCall(Binder b, string name, ScriptNode call, ScriptExpression[] args, Expr[] bound, Func<Expr> wrongCount)
    {
        if (bound.Length != (name == "last_flagged" ? 2 : 1)) return wrongCount();
        if (bound[0] is not LiteralExpr { Value: string questionnaire })
        {
            b.Diagnostics.Report(b.At(args[0]), Codes.TypeMismatch, $"'{name}' needs a questionnaire id written in quotes, such as '{name}('home-bp-diary')'");
            return Binder.ErrorExpr;
        }
        if (RecordVocabulary.Current is { } vocabulary && !vocabulary.Questionnaires.Contains(questionnaire))
        {
            b.Diagnostics.Report(b.At(args[0]), Codes.CarePlanUnknownQuestionnaire, questionnaire,
                $"is not one this care plan names (it names {string.Join(", ", vocabulary.Questionnaires.Order(StringComparer.Ordinal))}, under 'diary' and 'review')");
            return Binder.ErrorExpr;
        }
        b.ReadsRecord = true;
        ContextSubmission? Last(EvalContext c) => c.Patient.Submissions.IsDefaultOrEmpty ? null
            : c.Patient.Submissions.Where(s => s.Questionnaire == questionnaire && s.Sent <= c.Now).MaxBy(s => s.Sent);
        if (name == "last_submitted")
            return new CallExpr(name, bound, (_, c) => Last(c) is { } s ? DateOnly.FromDateTime(s.Sent) : null, ExprType.Date);
        if (bound[1] is not LiteralExpr { Value: string levelName } || FlagLevels.Parse(levelName) is not { } level)
        {
            b.Diagnostics.Report(b.At(args[1]), Codes.CarePlanUnknownLevel, (bound[1] as LiteralExpr)?.Value?.ToString() ?? args[1].ToString());
            return Binder.ErrorExpr;
        }
        return new CallExpr(name, bound, (_, c) => Expr.Box(Last(c) is { Highest: { } highest } && highest >= level), ExprType.Boolean);
    }
}
