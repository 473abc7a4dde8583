using System.Collections.Immutable;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.CarePlans;

/// <summary>
/// The canonical model of one care plan file (<c>kind: care-plan</c>): rules that read the patient's record over time,
/// not one set of answers. Immutable; every node keeps where it was written. See docs/format.md, "Care plans".
/// </summary>
public sealed record CarePlanDefinition
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public required string Path { get; init; }
    public required SourceSpan Span { get; init; }
    /// <summary>What the plan is, for the patient (Markdown).</summary>
    public string? Intro { get; init; }
    public ImmutableArray<CarePlanCode> Codes { get; init; } = [];
    /// <summary>The day the plan starts (a date expression, named <c>start</c> in the others); the plan is active once it is known.</summary>
    public required ExpressionSource Starts { get; init; }
    public ImmutableArray<ValueDefinition> Values { get; init; } = [];
    public ImmutableArray<CarePlanStepDefinition> Steps { get; init; } = [];
    public CarePlanTargetDefinition? Target { get; init; }
    public CarePlanDiaryDefinition? Diary { get; init; }
    public CarePlanReviewDefinition? Review { get; init; }
    /// <summary>The questionnaires the plan names, its diary's and its review's: the only ones whose submissions its
    /// expressions may read (<c>last_submitted</c>, <c>last_flagged</c>; any other is refused, HE1704).</summary>
    public IEnumerable<string> Questionnaires =>
        new[] { Diary?.Questionnaire, Review?.Questionnaire }.OfType<string>().Where(q => q.Length > 0);
    public ImmutableArray<RuleDefinition> Rules { get; init; } = [];
    public ImmutableArray<CarePlanMessageDefinition> Messages { get; init; } = [];
    public ImmutableArray<CarePlanPageDefinition> Information { get; init; } = [];
    /// <summary>The file's text (what <see cref="CompiledCarePlan.Hash"/> covers).</summary>
    public ImmutableArray<SourceFile> SourceFiles { get; init; } = [];
}

/// <summary>A code the plan reads from the record, by the name its expressions use. With a <see cref="Unit"/> it takes
/// a number in that unit (a test result), in <see cref="Min"/>..<see cref="Max"/> when given; without, it is filed
/// as a coded entry alone (a diagnosis, a test done).</summary>
public sealed record CarePlanCode(string Name, string System, string Code, string Display, SourceSpan Span)
{
    /// <summary>The UCUM unit its value is recorded in; null when it takes no value.</summary>
    public string? Unit { get; init; }
    /// <summary>The lowest value a clinician may add (a check against typing errors, not a clinical threshold).</summary>
    public decimal? Min { get; init; }
    /// <summary>The highest value a clinician may add.</summary>
    public decimal? Max { get; init; }
}

/// <summary>One step of the plan (an investigation): to do until <see cref="Done"/> holds.</summary>
public sealed record CarePlanStepDefinition(string Id, string Title, ExpressionSource Done, string Source, SourceSpan Span)
{
    /// <summary>What the step is for, for the patient (Markdown).</summary>
    public string? About { get; init; }
}

/// <summary>The blood pressure target that applies: two number expressions and its words for the patient.</summary>
public sealed record CarePlanTargetDefinition(ExpressionSource Systolic, ExpressionSource Diastolic, TemplateSource Text, string Source, SourceSpan Span);

/// <summary>
/// Home monitoring: the diary questionnaire, the codes its complete averages are filed under, the interval, when the
/// next is due, and whether the last complete diary is above target.
/// </summary>
public sealed record CarePlanDiaryDefinition(string Questionnaire, string Systolic, string Diastolic, ExpressionSource IntervalWeeks,
    ExpressionSource Due, ExpressionSource AboveTarget, string Source, SourceSpan Span)
{
    public SourceSpan QuestionnaireSpan { get; init; }
}

/// <summary>The yearly review: its questionnaire, when it is due, and how early it is assigned and when it is overdue.</summary>
public sealed record CarePlanReviewDefinition(string Questionnaire, ExpressionSource Due, int AssignDaysBefore, int OverdueDaysAfter,
    string Source, SourceSpan Span)
{
    public SourceSpan QuestionnaireSpan { get; init; }
}

/// <summary>A message for the patient, shown while <see cref="When"/> holds.</summary>
public sealed record CarePlanMessageDefinition(string Id, ExpressionSource When, TemplateSource Text, string Source, SourceSpan Span);

/// <summary>A page of information for the patient (Markdown), optionally with a questionnaire's red-flag advice.</summary>
public sealed record CarePlanPageDefinition(string Id, string Title, string Text, SourceSpan Span)
{
    /// <summary>The red flags to show, read from another questionnaire's rules so there is one source of truth.</summary>
    public CarePlanRedFlagsDefinition? RedFlags { get; init; }
}

/// <summary>Rules of a questionnaire whose words for the patient the page shows (<c>red_flags</c>).</summary>
public sealed record CarePlanRedFlagsDefinition(string Questionnaire, ImmutableArray<(string Rule, SourceSpan Span)> Rules, SourceSpan Span);
