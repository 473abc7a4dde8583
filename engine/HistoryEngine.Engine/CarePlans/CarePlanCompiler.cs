using System.Collections.Frozen;
using System.Collections.Immutable;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;
using HistoryEngine.Runtime;

namespace HistoryEngine.CarePlans;

/// <summary>
/// Checks and compiles a care plan with the questionnaire compiler, so that it has the same expression language,
/// checks and diagnostics: the plan becomes a questionnaire with no items whose values are the plan's values and the
/// expressions of its sections (under names an author cannot write), and whose rules are the plan's rules, its
/// messages and its target's words. The record functions accept only the codes and questionnaires the plan declares.
/// </summary>
internal static class CarePlanCompiler
{
    internal const string Start = "start";
    internal const string StepPrefix = "_step_", MessagePrefix = "_message_", TargetText = "_target_text";
    internal const string TargetSystolic = "_target_systolic", TargetDiastolic = "_target_diastolic";
    internal const string DiaryInterval = "_diary_interval", DiaryDue = "_diary_due", DiaryAbove = "_diary_above", ReviewDue = "_review_due";

    public static CompiledCarePlan? Compile(CarePlanDefinition plan, DiagnosticBag diagnostics,
        IReadOnlyDictionary<string, CarePlanRedFlag[]>? redFlags = null)
    {
        var values = ImmutableArray.CreateBuilder<ValueDefinition>();
        var typed = new List<(string Name, ExpressionSource Source, string What, Func<ExprType, bool> Ok, string Expected)>();
        void Add(string name, ExpressionSource source, string what, Func<ExprType, bool> ok, string expected)
        {
            values.Add(new ValueDefinition(name, source, source.Span));
            typed.Add((name, source, what, ok, expected));
        }
        static bool IsDate(ExprType t) => t.Kind == TypeKind.Date;
        static bool IsBool(ExprType t) => t.Kind == TypeKind.Boolean;
        static bool IsNumber(ExprType t) => t.IsNumber;
        Add(Start, plan.Starts, "'starts'", IsDate, "a date");
        foreach (var v in plan.Values)
        {
            if (v.Name == Start) diagnostics.Report(v.Span, Codes.DuplicateId, Start, plan.Starts.Span.Line);
            else values.Add(v);
        }
        for (var i = 0; i < plan.Steps.Length; i++) Add(StepPrefix + i, plan.Steps[i].Done, $"'done' of the step '{plan.Steps[i].Id}'", IsBool, "true or false");
        var rules = ImmutableArray.CreateBuilder<RuleDefinition>();
        rules.AddRange(plan.Rules);
        if (plan.Target is { } target)
        {
            Add(TargetSystolic, target.Systolic, "the target's 'systolic'", IsNumber, "a number");
            Add(TargetDiastolic, target.Diastolic, "the target's 'diastolic'", IsNumber, "a number");
            rules.Add(new RuleDefinition(TargetText, new ExpressionSource("true", target.Span), FlagLevel.Routine, target.Span) { Patient = target.Text, Source = target.Source });
        }
        if (plan.Diary is { } diary)
        {
            Add(DiaryInterval, diary.IntervalWeeks, "the diary's 'interval_weeks'", t => t.IsInteger, "a whole number");
            Add(DiaryDue, diary.Due, "the diary's 'due'", IsDate, "a date");
            Add(DiaryAbove, diary.AboveTarget, "the diary's 'above_target'", IsBool, "true or false");
        }
        if (plan.Review is { } review) Add(ReviewDue, review.Due, "the review's 'due'", IsDate, "a date");
        for (var i = 0; i < plan.Messages.Length; i++)
        {
            var m = plan.Messages[i];
            rules.Add(new RuleDefinition(MessagePrefix + i, m.When, FlagLevel.Routine, m.Span) { Patient = m.Text, Source = m.Source });
        }
        var asQuestionnaire = new QuestionnaireDefinition
        {
            Id = plan.Id, Version = plan.Version, Title = plan.Title, Path = plan.Path, Span = plan.Span, IsNative = true,
            Values = values.ToImmutable(), Rules = rules.ToImmutable(), SourceFiles = plan.SourceFiles,
        };
        var vocabulary = new RecordVocabulary(
            plan.Codes.GroupBy(c => c.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => (g.First().System, g.First().Code), StringComparer.Ordinal),
            plan.Questionnaires.ToFrozenSet(StringComparer.Ordinal));
        var before = diagnostics.HasErrors;
        CompiledQuestionnaire? compiled;
        using (vocabulary.Use()) compiled = QuestionnaireCompiler.Compile(asQuestionnaire, diagnostics);
        if (compiled is null) return null;
        foreach (var (name, source, what, ok, expected) in typed)
        {
            var type = compiled.Values.First(v => v.Id == name).Type;
            if (!ok(type)) diagnostics.Report(source.Span, Codes.CarePlanWrongType, what, expected, type.Describe());
        }
        return before || diagnostics.HasErrors ? null : new CompiledCarePlan(plan, compiled, redFlags ?? new Dictionary<string, CarePlanRedFlag[]>());
    }
}
