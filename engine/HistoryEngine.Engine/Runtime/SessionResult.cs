using HistoryEngine.Definitions;

namespace HistoryEngine.Runtime;

/// <summary>A flag raised by a rule: its level, and its words for the patient (Markdown) and for the clinician.</summary>
public sealed record Flag(string Rule, FlagLevel Level, string Patient, string Clinician, string Source);

/// <summary>
/// A coded entry the questionnaire proposes for the patient's record. <see cref="Value"/> is null when the entry has no
/// value. <see cref="System"/>, <see cref="Code"/> and <see cref="Display"/> are its primary coding; <see cref="Codings"/>
/// lists every coding of the same thing, the primary first.
/// </summary>
public sealed record ProposedEntry(string System, string Code, string Display, object? Value, string? Unit)
{
    /// <summary>Every coding, the primary first; just the primary when the entry has no others.</summary>
    public IReadOnlyList<EntryCoding> Codings
    {
        get => _codings is { Count: > 0 } ? _codings : [new EntryCoding(System, Code, Display)];
        init => _codings = value;
    }
    private readonly IReadOnlyList<EntryCoding>? _codings;
    /// <summary>What a clinician may file for a number entry, from the file: the lowest and highest value, and whether it is whole.</summary>
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public bool Whole { get; init; }
    /// <summary>The panel the entry is a part of, from the file (entries with the same panel are one Observation).</summary>
    public EntryCoding? Panel { get; init; }
    /// <summary>The day the value was taken (the file's <c>taken:</c>); null when it is dated by its filing.</summary>
    public DateOnly? Taken { get; init; }
}

/// <summary>What a clinician may file for a number entry: from the questionnaire file's <c>min</c> and <c>max</c>.</summary>
public sealed record EntryRange(decimal? Min, decimal? Max, bool Whole);

/// <summary>One coding of a proposed entry: a code in a code system, with its display.</summary>
public sealed record EntryCoding(string System, string Code, string Display);

/// <summary>Everything a session has worked out, as a snapshot: what the CLI prints and what a submission freezes.</summary>
public sealed record SessionResult
{
    public required string Questionnaire { get; init; }
    public required string Version { get; init; }
    public required string Hash { get; init; }
    public required bool Complete { get; init; }
    public required bool Stopped { get; init; }
    public required IReadOnlyList<string> Enabled { get; init; }
    public required IReadOnlyList<string> Missing { get; init; }
    public required IReadOnlyList<AnswerError> Errors { get; init; }
    /// <summary>Every named value (module values by their qualified name), null where it cannot be computed.</summary>
    public required IReadOnlyDictionary<string, object?> Values { get; init; }
    /// <summary>Flags, highest level first.</summary>
    public required IReadOnlyList<Flag> Flags { get; init; }
    public required IReadOnlyList<ProposedEntry> Entries { get; init; }
    public required string Summary { get; init; }
    /// <summary>The stored answers (calculated items included) in the answers-JSON shape.</summary>
    public required string AnswersJson { get; init; }
    public required Progress Progress { get; init; }
    /// <summary>What the session was given about the patient (<c>patient.*</c> in expressions), so a replay gives the same result.</summary>
    public PatientContext Patient { get; init; } = PatientContext.None;

    /// <summary>The highest flag level raised, or null when no rule fired.</summary>
    public FlagLevel? HighestLevel => Flags.Count == 0 ? null : Flags.Max(f => f.Level);
}

/// <summary>Questions answered, out of those answered plus those still enabled and unanswered.</summary>
public readonly record struct Progress(int Answered, int Total)
{
    public int Percent => Total == 0 ? 100 : Answered * 100 / Total;
}
