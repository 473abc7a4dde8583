using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.CarePlans;

/// <summary>
/// A care plan worked out for one patient on one day: a pure function of the plan, the patient's record and the day.
/// What the site renders for the patient ("my plan") and the clinician, and what <c>historyengine run</c> prints as
/// JSON (<see cref="CarePlanJson"/>). Immutable. When <see cref="Active"/> is false nothing else is filled in.
/// </summary>
public sealed record CarePlanState
{
    public required string Plan { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    /// <summary>The plan's opening words for the patient (Markdown), as the file gives them; null when it gives none.</summary>
    public string? Intro { get; init; }
    public required DateOnly Today { get; init; }
    /// <summary>The plan has started: the record holds what starts it (a filed diagnosis).</summary>
    public required bool Active { get; init; }
    public DateOnly? Start { get; init; }
    public IReadOnlyList<CarePlanStep> Steps { get; init; } = [];
    public CarePlanTarget? Target { get; init; }
    public CarePlanDiary? Diary { get; init; }
    public CarePlanReview? Review { get; init; }
    /// <summary>Flags for the review queue, highest level first, with their reasons (same levels as questionnaires).</summary>
    public IReadOnlyList<Flag> Flags { get; init; } = [];
    /// <summary>Messages for the patient (Markdown).</summary>
    public IReadOnlyList<CarePlanMessage> Messages { get; init; } = [];
    /// <summary>The plan's information pages for the patient (Markdown).</summary>
    public IReadOnlyList<CarePlanPage> Information { get; init; } = [];
    /// <summary>Every named value of the plan (numbers, dates as ISO-8601 text, true/false), null where unknown.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; init; } = new Dictionary<string, object?>();
}

/// <summary>One step (an investigation): done once its code is filed, as the plan's rule for it says.</summary>
public sealed record CarePlanStep(string Id, string Title, string? About, bool Done, string Source);

/// <summary>The home blood pressure target that applies, and the plan's words for it.</summary>
public sealed record CarePlanTarget(decimal? Systolic, decimal? Diastolic, string Text, string Source);

/// <summary>
/// Home monitoring: the diary to send, every how many weeks, when the next is due (<see cref="DueNow"/> once that day
/// has come), every complete diary's averages filed (oldest first, for a trend), and whether the last is above target.
/// </summary>
public sealed record CarePlanDiary(string Questionnaire, decimal? IntervalWeeks, DateOnly? NextDue, bool DueNow,
    IReadOnlyList<CarePlanAverage> Averages, bool? LastAboveTarget, string Source);

/// <summary>One complete diary's averages as filed in the record (both numbers dated the same day).</summary>
public sealed record CarePlanAverage(DateOnly Date, decimal Systolic, decimal Diastolic);

/// <summary>
/// The yearly review: when it is due, its status (<c>upcoming</c>, <c>due</c> from <c>assign_days_before</c> days
/// ahead, <c>overdue</c> after <c>overdue_days_after</c> days), and, once due, the assignment to make.
/// </summary>
public sealed record CarePlanReview(string Questionnaire, DateOnly? Due, string Status, CarePlanAssignment? Assign, string Source);

/// <summary>
/// A questionnaire to assign to the patient. <see cref="Key"/> is unique per plan step and due date
/// (<c>hypertension/review/2027-03-01</c>): the site stores it with a unique constraint, so several instances (or
/// one that runs twice) never assign the same thing twice.
/// </summary>
public sealed record CarePlanAssignment(string Questionnaire, DateOnly Due, string Key);

public sealed record CarePlanMessage(string Id, string Text);

/// <summary>An information page; <see cref="RedFlags"/> are a questionnaire's own words for its red flags.</summary>
public sealed record CarePlanPage(string Id, string Title, string Text, IReadOnlyList<CarePlanRedFlag> RedFlags);

/// <summary>One red flag of another questionnaire (the diary): its rule, level and its words for the patient.</summary>
public sealed record CarePlanRedFlag(string Questionnaire, string Rule, FlagLevel Level, string Text);
