using HistoryEngine.Diagnostics;
using Scriban.Syntax;

namespace HistoryEngine.Expressions;

/// <summary>
/// The built-in functions: aggregates over repeating groups, answered/unanswered, choices, dates and rounding.
/// Each is checked for its argument types at load. See docs/format.md for what each does with unanswered items.
/// </summary>
internal static partial class Functions
{
    private static readonly Dictionary<string, string> Signatures = new(StringComparer.Ordinal)
    {
        ["count"] = "a list, and optionally a condition; or a multiple choice", ["count_distinct"] = "a list and a field", ["sum"] = "a list and a field, or numbers",
        ["min"] = "a list and a field, or values", ["max"] = "a list and a field, or values",
        ["avg"] = "a list and a field, or numbers", ["any"] = "a list and a condition", ["all"] = "a list and a condition",
        ["filter"] = "a list and a condition", ["answered"] = "one item or value", ["count_answered"] = "items or values",
        ["contains"] = "a multiple choice and a code", ["contains_any"] = "a multiple choice and one or more codes",
        ["score"] = "a choice or multiple choice", ["display"] = "a choice or multiple choice", ["lower"] = "a choice, a multiple choice or text", ["date"] = "a date-time, or a date written in quotes", ["datetime"] = "a date and time written in quotes",
        ["days_between"] = "two dates", ["minutes_between"] = "two date-times", ["today"] = "nothing", ["now"] = "nothing",
        ["age"] = "a date of birth, and optionally the date to count to",
        ["last_value"] = "a code written in quotes as 'system|code'", ["last_date"] = "a code written in quotes as 'system|code'",
        ["first_date"] = "a code", ["filed_since"] = "a code and a date", ["count_since"] = "a code and a date",
        ["nth_value"] = "a code and a whole number (1 is the latest)", ["nth_date"] = "a code and a whole number (1 is the latest)",
        ["avg_between"] = "a code and two dates", ["max_between"] = "a code and two dates",
        ["last_submitted"] = "a questionnaire id", ["last_flagged"] = "a questionnaire id and a flag level",
        ["add_days"] = "a date or date-time and a whole number", ["add_weeks"] = "a date or date-time and a whole number",
        ["add_months"] = "a date or date-time and a whole number",
        ["item"] = "one item id written in quotes", ["round"] = "a number, and optionally decimal places", ["floor"] = "a number", ["ceil"] = "a number", ["abs"] = "a number",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "and", "or", "not", "if", "else", "end", "for", "in", "while", "break", "continue",
        "do", "func", "ret", "this", "empty", "capture", "with", "wrap", "case", "when", "import", "readonly", "tablerow",
        "flags", "entries", "questionnaire", "patient",
    };

    /// <summary>
    /// <c>date('2026-03-01')</c> and <c>datetime('2026-03-01T08:00')</c>: a date written in an expression, checked
    /// at load (FHIR enableWhen conditions on dates translate into these).
    /// </summary>
    private static Expr DateLiteral(Binder b, string name, string text, ScriptNode at)
    {
        var styles = System.Globalization.DateTimeStyles.None;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (name == "date" && DateOnly.TryParseExact(text, "yyyy-MM-dd", culture, styles, out var d))
            return new LiteralExpr(d, ExprType.Date);
        if (name == "datetime" && DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"], culture, styles, out var t))
            return new LiteralExpr(t, ExprType.DateTime);
        if (name == "datetime" && DateTimeOffset.TryParse(text, culture, styles, out var withOffset) && text.Contains('T', StringComparison.Ordinal))
            return new LiteralExpr(withOffset.DateTime, ExprType.DateTime);
        b.Diagnostics.Report(b.At(at), Codes.TypeMismatch, $"'{text}' is not a {(name == "date" ? "date such as 2026-03-01" : "date and time such as 2026-03-01T08:00")}");
        return Binder.ErrorExpr;
    }

    public static bool IsFunction(string name) => Signatures.ContainsKey(name);

    /// <summary>The latest record value filed under <paramref name="system"/>|<paramref name="code"/> (any of its codings),
    /// not after the session's now; with <paramref name="numberOnly"/>, the latest that is a number.</summary>
    private static Runtime.ContextObservation? Latest(EvalContext c, string system, string code, bool numberOnly) =>
        c.Patient.Observations.IsDefaultOrEmpty ? null : c.Patient.Observations
            .Where(o => o.Effective <= c.Now && (!numberOnly || o.Number is not null) && o.Codings.Any(k => k.System == system && k.Code == code))
            .MaxBy(o => o.Effective);
    /// <summary>
    /// Names an id cannot take. Function names are free: <c>age</c> the item and <c>age(...)</c> the function are
    /// told apart by the parentheses.
    /// </summary>
    public static bool IsReserved(string name) => Keywords.Contains(name);

    public static Expr Bind(Binder b, string name, ScriptNode call, ScriptExpression[] args, BindScope scope, int depth)
    {
        if (!Signatures.TryGetValue(name, out var signature))
        {
            var near = HistoryEngine.Diagnostics.Suggestions.Nearest(name, Signatures.Keys);
            b.Diagnostics.Report(b.At(call), Codes.UnknownFunction, name + (near is null ? "" : $"'; did you mean '{near}"));
            return Binder.ErrorExpr;
        }
        Expr Fail(DiagnosticDescriptor d, params object?[] a) { b.Diagnostics.Report(b.At(call), d, a); return Binder.ErrorExpr; }
        Expr WrongCount() => Fail(Codes.ArgumentCount, name, signature, args.Length == 1 ? "1 argument" : $"{args.Length} arguments");

        // Aggregates bind their second argument inside the list's instances.
        if (name is "count" or "count_distinct" or "sum" or "min" or "max" or "avg" or "any" or "all" or "filter" && args.Length > 0)
        {
            var first = b.Bind(args[0], scope, depth);
            if (first.Type.Kind == TypeKind.Error) return Binder.ErrorExpr;
            if (first.Type.Kind == TypeKind.List) return BindAggregate(b, name, call, first, args, scope, WrongCount);
            if (name == "count" && first.Type.Kind == TypeKind.CodeSet) return CountChosen(b, call, first, args.Length);
            if (name is "count" or "count_distinct" or "any" or "all" or "filter")
                return Fail(Codes.TypeMismatch, $"the first argument of '{name}' must be a repeating group or a list{(name == "count" ? ", or a multiple choice" : "")}, not {first.Type.Describe()}");
            return BindScalarAggregate(b, name, call, [first, .. args.Skip(1).Select(a => b.Bind(a, scope, depth))]);
        }

        var bound = args.Select(a => b.Bind(a, scope, depth)).ToArray();
        if (bound.Any(a => a.Type.Kind == TypeKind.Error)) return Binder.ErrorExpr;
        ExprType T(int i) => bound[i].Type;
        Expr Mismatch(string expected, int i) => Fail(Codes.TypeMismatch, $"'{name}' needs {expected}, not {T(i).Describe()}");
        Expr Call(ExprType type, Func<object?[], EvalContext, object?> body) => new CallExpr(name, bound, body, type);

        switch (name)
        {
            case "answered":
                if (bound.Length != 1) return WrongCount();
                return Call(ExprType.Boolean, (v, _) => Expr.Box(IsAnswered(v[0])));
            case "count_answered":
                if (bound.Length == 0) return WrongCount();
                return Call(ExprType.Integer, (v, _) => (decimal)v.Count(IsAnswered));
            case "contains" or "contains_any":
                if (bound.Length < 2 || name == "contains" && bound.Length != 2) return WrongCount();
                if (T(0).Kind != TypeKind.CodeSet) return Mismatch("a multiple choice item first", 0);
                for (var i = 1; i < bound.Length; i++)
                {
                    if (T(i).Kind is not (TypeKind.Text or TypeKind.Code)) return Mismatch("codes after the item", i);
                    if (bound[i] is LiteralExpr { Value: string code }) b.CheckCode(T(0) with { Kind = TypeKind.Code }, code, args[i]);
                }
                return Call(ExprType.Boolean, (v, _) => v[0] is string[] set ? Expr.Box(v.Skip(1).Any(c => c is string s && set.Contains(s))) : null);
            case "score":
                if (bound.Length != 1) return WrongCount();
                if (T(0).Kind is not (TypeKind.Code or TypeKind.CodeSet) || T(0).Choice is null) return Mismatch("a choice item", 0);
                var scored = T(0).Choice!;
                if (scored.Definition.Options.Any(o => o.Score is null)) return Fail(Codes.NoScores, scored.Id);
                return Call(ExprType.Decimal, (v, _) => v[0] switch
                {
                    string code => scored.OptionsByCode.TryGetValue(code, out var o) ? o.Score : null,
                    string[] codes => codes.Sum(c => scored.OptionsByCode.TryGetValue(c, out var o) ? o.Score ?? 0 : 0),
                    _ => null,
                });
            case "display":
                if (bound.Length != 1) return WrongCount();
                if (T(0).Kind is not (TypeKind.Code or TypeKind.CodeSet) || T(0).Choice is null) return Mismatch("a choice item", 0);
                var shown = T(0).Choice!;
                return Call(ExprType.Text, (v, _) => Display(shown, v[0]));
            case "lower":
                if (bound.Length != 1) return WrongCount();
                if (T(0).Kind is TypeKind.Code or TypeKind.CodeSet && T(0).Choice is { } lowered)
                    return Call(ExprType.Text, (v, _) => v[0] switch
                    {
                        string code => LowerFirst(Display(lowered, code)),
                        string[] codes => string.Join(", ", codes.Select(c => LowerFirst(Display(lowered, c)))),
                        _ => null,
                    });
                if (T(0).Kind is not TypeKind.Text) return Mismatch("a choice, a multiple choice or text", 0);
                return Call(ExprType.Text, (v, _) => LowerFirst(v[0] as string));
            case "date" or "datetime" when bound.Length == 1 && bound[0] is LiteralExpr { Value: string written }:
                return DateLiteral(b, name, written, args[0]);
            case "datetime":
                return Fail(Codes.TypeMismatch, "'datetime' needs a date and time written in quotes, such as datetime('2026-03-01T08:00')");
            case "date":
                if (bound.Length != 1) return WrongCount();
                if (T(0).Kind == TypeKind.Date) return bound[0];
                if (T(0).Kind != TypeKind.DateTime) return Mismatch("a date-time", 0);
                return Call(ExprType.Date, (v, _) => v[0] is DateTime t ? DateOnly.FromDateTime(t) : null);
            case "days_between":
                if (bound.Length != 2) return WrongCount();
                for (var i = 0; i < 2; i++) if (T(i).Kind is not (TypeKind.Date or TypeKind.DateTime)) return Mismatch("dates or date-times", i);
                return Call(ExprType.Integer, (v, _) => AsDate(v[0]) is { } a && AsDate(v[1]) is { } d ? (decimal)(d.DayNumber - a.DayNumber) : null);
            case "minutes_between":
                if (bound.Length != 2) return WrongCount();
                for (var i = 0; i < 2; i++) if (T(i).Kind != TypeKind.DateTime) return Mismatch("date-times", i);
                // Whole minutes, a part minute not counted (towards the past): 09:00:30 to 09:06 is 5.
                return Call(ExprType.Integer, (v, _) => v[0] is DateTime a && v[1] is DateTime b ? (decimal)Math.Floor((b - a).TotalMinutes) : null);
            case "today":
                if (bound.Length != 0) return WrongCount();
                return Call(ExprType.Date, (_, c) => DateOnly.FromDateTime(c.Now));
            case "now":
                if (bound.Length != 0) return WrongCount();
                return Call(ExprType.DateTime, (_, c) => c.Now);
            case "age":
                if (bound.Length is < 1 or > 2) return WrongCount();
                if (T(0).Kind is not (TypeKind.Date or TypeKind.DateTime)) return Mismatch("a date of birth", 0);
                if (bound.Length == 2)
                {
                    // Age on a given day: full years, unknown when either date is, or when born after it.
                    if (T(1).Kind is not (TypeKind.Date or TypeKind.DateTime)) return Mismatch("a date or date-time to count to", 1);
                    return Call(ExprType.Integer, (v, _) => AsDate(v[0]) is { } b1 && AsDate(v[1]) is { } at && at >= b1 ? AgeAt(b1, at) : null);
                }
                return Call(ExprType.Integer, (v, c) => AsDate(v[0]) is { } born ? AgeAt(born, DateOnly.FromDateTime(c.Now)) : null);
            case "last_value" or "last_date":
                // The patient's record (what the practice gave the session): the latest value filed under the code.
                if (bound.Length != 1) return WrongCount();
                if (RecordCode(b, name, args[0], bound[0]) is not { } recordKey) return Binder.ErrorExpr;
                var (recordSystem, recordCode) = recordKey;
                b.ReadsRecord = true;
                return name == "last_value"
                    ? Call(ExprType.Decimal, (_, c) => Latest(c, recordSystem, recordCode, numberOnly: true)?.Number)
                    : Call(ExprType.Date, (_, c) => Latest(c, recordSystem, recordCode, numberOnly: false) is { } o ? DateOnly.FromDateTime(o.Effective) : null);
            case "first_date" or "filed_since" or "count_since" or "nth_value" or "nth_date" or "avg_between" or "max_between":
                return BindRecordCall(b, name, call, args, bound, WrongCount, Mismatch);
            case "last_submitted" or "last_flagged":
                return BindSubmissionCall(b, name, call, args, bound, WrongCount);
            case "add_days" or "add_weeks" or "add_months":
                if (bound.Length != 2) return WrongCount();
                if (T(0).Kind is not (TypeKind.Date or TypeKind.DateTime)) return Mismatch("a date or date-time first", 0);
                if (!T(1).IsInteger) return Mismatch("a whole number of " + name[4..], 1);
                return Call(T(0), (v, _) => v[1] is decimal n ? AddTo(v[0], name, n) : null);
            case "round":
                if (bound.Length is < 1 or > 2) return WrongCount();
                if (!T(0).IsNumber) return Mismatch("a number", 0);
                var places = 0;
                if (bound.Length == 2)
                {
                    if (bound[1] is not LiteralExpr { Value: decimal p } || p != decimal.Truncate(p) || p is < 0 or > 6)
                        return Fail(Codes.TypeMismatch, "the decimal places of 'round' must be a whole number from 0 to 6 written in the expression");
                    places = (int)p;
                }
                // Half away from zero, as clinicians round by hand: 142.5 becomes 143.
                return Call(places == 0 ? ExprType.Integer : ExprType.Decimal,
                    (v, _) => v[0] is decimal d ? Math.Round(d, places, MidpointRounding.AwayFromZero) : null);
            case "floor" or "ceil" or "abs":
                if (bound.Length != 1) return WrongCount();
                if (!T(0).IsNumber) return Mismatch("a number", 0);
                Func<decimal, decimal> f = name switch { "floor" => Math.Floor, "ceil" => Math.Ceiling, _ => Math.Abs };
                return Call(name == "abs" ? T(0) : ExprType.Integer, (v, _) => v[0] is decimal d ? f(d) : null);
            default:
                return WrongCount();
        }
    }

    private static Expr BindAggregate(Binder b, string name, ScriptNode call, Expr list, ScriptExpression[] args, BindScope scope, Func<Expr> wrongCount)
    {
        var shape = list.Type.Shape!;
        var kind = name == "count_distinct" ? AggregateKind.CountDistinct : Enum.Parse<AggregateKind>(name, ignoreCase: true);
        var needsBody = kind != AggregateKind.Count;
        if (args.Length > 2 || args.Length == 1 && needsBody) return wrongCount();
        var inner = scope.Instance(shape);
        Expr? body = null;
        if (args.Length == 2)
            body = kind is AggregateKind.Count or AggregateKind.Any or AggregateKind.All or AggregateKind.Filter
                ? b.BindCondition(args[1], inner, $"the condition of '{name}'")
                : b.Bind(args[1], inner);
        if (body?.Type.Kind == TypeKind.Error) return Binder.ErrorExpr;
        ExprType type;
        switch (kind)
        {
            case AggregateKind.Count or AggregateKind.CountDistinct: type = ExprType.Integer; break;
            case AggregateKind.Any or AggregateKind.All: type = ExprType.Boolean; break;
            case AggregateKind.Filter: type = list.Type; break;
            case AggregateKind.Sum or AggregateKind.Avg:
                if (!body!.Type.IsNumber)
                {
                    b.Diagnostics.Report(b.At(args[1]), Codes.TypeMismatch, $"'{name}' adds up numbers, not {body.Type.Describe()}");
                    return Binder.ErrorExpr;
                }
                type = kind == AggregateKind.Sum && body.Type.IsInteger ? ExprType.Integer : ExprType.Decimal;
                break;
            default:
                if (body!.Type.Kind is not (TypeKind.Number or TypeKind.Date or TypeKind.DateTime))
                {
                    b.Diagnostics.Report(b.At(args[1]), Codes.TypeMismatch, $"'{name}' needs numbers, dates or date-times, not {body.Type.Describe()}");
                    return Binder.ErrorExpr;
                }
                type = body.Type;
                break;
        }
        return new AggregateExpr(kind, list, body, inner.Level, type);
    }

    /// <summary>
    /// <c>count(symptoms)</c>: how many options of a multiple choice are chosen, not counting an exclusive option such
    /// as "None of these" (which means none); unknown while it is unanswered.
    /// </summary>
    private static Expr CountChosen(Binder b, ScriptNode call, Expr set, int argumentCount)
    {
        if (argumentCount != 1)
        {
            b.Diagnostics.Report(b.At(call), Codes.TypeMismatch, "'count' of a multiple choice takes the item alone: count(symptoms) is how many options are chosen; to test one, use contains(symptoms, 'code')");
            return Binder.ErrorExpr;
        }
        var exclusive = set.Type.Choice!.Definition.Options.Where(o => o.Exclusive).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        return new CallExpr("count", [set], (v, _) => v[0] is string[] chosen ? (decimal)chosen.Count(c => !exclusive.Contains(c)) : null, ExprType.Integer);
    }

    private static Expr BindScalarAggregate(Binder b, string name, ScriptNode call, Expr[] args)
    {
        if (args.Any(a => a.Type.Kind == TypeKind.Error)) return Binder.ErrorExpr;
        var numeric = name is "sum" or "avg";
        var first = args[0].Type;
        foreach (var a in args)
        {
            var ok = numeric ? a.Type.IsNumber : a.Type.Kind == first.Kind && first.Kind is TypeKind.Number or TypeKind.Date or TypeKind.DateTime;
            if (ok) continue;
            b.Diagnostics.Report(b.At(call), Codes.TypeMismatch, $"'{name}' needs {(numeric ? "numbers" : "values of one kind: numbers, dates or date-times")}, not {a.Type.Describe()}");
            return Binder.ErrorExpr;
        }
        var integer = args.All(a => a.Type.IsInteger) && name != "avg";
        var type = first.IsNumber ? (integer ? ExprType.Integer : ExprType.Decimal) : first;
        // Unanswered is not zero: one unanswered argument makes the result unknown.
        return new CallExpr(name, args, (v, _) =>
        {
            if (v.Any(x => x is null)) return null;
            return name switch
            {
                "sum" => v.Sum(x => (decimal)x!),
                "avg" => v.Average(x => (decimal)x!),
                "min" => v.Aggregate((x, y) => Values.Compare(x!, y!) <= 0 ? x : y),
                _ => v.Aggregate((x, y) => Values.Compare(x!, y!) >= 0 ? x : y),
            };
        }, type);
    }

    internal static bool IsAnswered(object? value) => value switch
    {
        null => false,
        string[] set => set.Length > 0,
        IReadOnlyList<RecordValue> list => list.Count > 0,
        string s => s.Length > 0,
        _ => true,
    };

    internal static string? Display(Runtime.ItemSymbol item, object? value) => value switch
    {
        string code => item.OptionsByCode.TryGetValue(code, out var o) ? o.Display : code,
        string[] codes => string.Join(", ", codes.Select(c => item.OptionsByCode.TryGetValue(c, out var o) ? o.Display : c)),
        _ => null,
    };

    /// <summary>
    /// Text to go mid-sentence: its first letter in lower case ("Several days" reads "several days"), unless the
    /// first word is an abbreviation ("COPD", "HIV") or the word "I".
    /// </summary>
    internal static string? LowerFirst(string? text)
    {
        if (string.IsNullOrEmpty(text) || !char.IsUpper(text[0])) return text;
        var second = text.Length > 1 ? text[1] : ' ';
        if (char.IsUpper(second) || char.IsDigit(second) || (text[0] == 'I' && !char.IsLetter(second))) return text;
        return string.Concat(char.ToLowerInvariant(text[0]).ToString(), text.AsSpan(1));
    }

    private static DateOnly? AsDate(object? v) => v switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => null,
    };

    /// <summary>
    /// A date or date-time moved by whole days, weeks or months; a month added to the 31st ends on the month's last
    /// day (31 January + 1 month is 28 or 29 February). Unknown outside the dates answers may hold (1900 to 2199).
    /// </summary>
    private static object? AddTo(object? value, string unit, decimal n)
    {
        if (value is null || n != decimal.Truncate(n) || Math.Abs(n) > 100_000) return null;
        var count = (int)n;
        DateTime at = value switch { DateOnly d => d.ToDateTime(TimeOnly.MinValue), DateTime t => t, _ => default };
        try
        {
            at = unit switch { "add_days" => at.AddDays(count), "add_weeks" => at.AddDays(7 * count), _ => at.AddMonths(count) };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
        if (at.Year is < 1900 or >= 2200) return null;
        return value is DateOnly ? DateOnly.FromDateTime(at) : at;
    }

    /// <summary>Full years; someone born on 29 February has their birthday on 1 March in other years (as in UK law).</summary>
    internal static decimal AgeAt(DateOnly born, DateOnly today)
    {
        var years = today.Year - born.Year;
        if ((today.Month, today.Day).CompareTo((born.Month, born.Day)) < 0) years--;
        return years;
    }
}
