using System.Collections.Immutable;
using System.Text.Json;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Scenarios;

/// <summary>One scenario test: answers in (with an optional clock), expectations out.</summary>
public sealed record Scenario(string Name, SourceSpan Span, JsonElement Answers)
{
    /// <summary>Mistakes in this scenario's own text (an unknown key under <c>expect</c>, say): they fail this scenario only.</summary>
    public ImmutableArray<Diagnostic> Problems { get; init; } = [];
    /// <summary>Where each answer was written, by its path (<c>fever</c>, <c>readings[0].systolic</c>).</summary>
    public ImmutableDictionary<string, SourceSpan> AnswerSpans { get; init; } = ImmutableDictionary<string, SourceSpan>.Empty;
    public DateTimeOffset? Now { get; init; }
    /// <summary>What the practice knows about the patient (<c>patient:</c> in the file); nothing when not given.</summary>
    public Runtime.PatientContext Patient { get; init; } = Runtime.PatientContext.None;
    /// <summary>Rules this scenario puts exactly at their threshold (<c>threshold:</c>): each must fire.</summary>
    public ImmutableArray<string> AtThreshold { get; init; } = [];
    /// <summary>Rules this scenario puts just under their threshold (<c>under:</c>): none may fire.</summary>
    public ImmutableArray<string> UnderThreshold { get; init; } = [];
    public bool? Complete { get; init; }
    public bool? Stopped { get; init; }
    public ImmutableArray<string>? Enabled { get; init; }
    public ImmutableArray<string>? Disabled { get; init; }
    public ImmutableArray<string>? Missing { get; init; }
    public ImmutableArray<string>? Flags { get; init; }
    public ImmutableDictionary<string, JsonElement>? Values { get; init; }
    public ImmutableArray<ExpectedEntry>? Entries { get; init; }
    public ImmutableArray<ExpectedError>? Errors { get; init; }
    public ImmutableArray<string> SummaryContains { get; init; } = [];
    public ImmutableArray<string> SummaryExcludes { get; init; } = [];
    public string? Summary { get; init; }
}

/// <summary>An entry a scenario expects, by its primary code; <see cref="Codings"/>, when given, are all its codings in order.</summary>
public sealed record ExpectedEntry(string Code, JsonElement? Value)
{
    public ImmutableArray<ExpectedCoding>? Codings { get; init; }
    /// <summary>The day the entry says its value was taken (YYYY-MM-DD), when the scenario gives it.</summary>
    public string? Taken { get; init; }
}

/// <summary>One expected coding: its code, and its system and display where the scenario gives them.</summary>
public sealed record ExpectedCoding(string Code, string? System, string? Display);

public sealed record ExpectedError(string Item, string Code);

/// <summary>A scenario file: the questionnaire it tests and its scenarios.</summary>
public sealed record ScenarioFile(string Path, string QuestionnairePath, ImmutableArray<Scenario> Scenarios);

/// <summary>One way a scenario failed: what differs, where in the scenario file, and its code (HE3003 for an expectation).</summary>
public sealed record ScenarioFailure(string Message, SourceSpan Span, string Code)
{
    public override string ToString() => Message;
}

/// <summary>The outcome of one scenario: passed, or every way it failed.</summary>
public sealed record ScenarioOutcome(ScenarioFile File, Scenario Scenario, IReadOnlyList<ScenarioFailure> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>The messages of <see cref="Problems"/>.</summary>
    public IReadOnlyList<string> Failures => [.. Problems.Select(p => p.Message)];
}
