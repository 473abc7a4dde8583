using System.Collections.Immutable;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions;

/// <summary>The kinds of item a questionnaire can hold.</summary>
public enum ItemType { Group, Display, Boolean, Choice, MultipleChoice, Integer, Decimal, Text, LongText, Date, DateTime }

/// <summary>Flag levels, lowest first; <see cref="Emergency"/> stops the questionnaire.</summary>
public enum FlagLevel { Routine, Soon, Urgent, Emergency }

/// <summary>Source text of an expression, with the position of its first character.</summary>
public sealed record ExpressionSource(string Text, SourceSpan Span)
{
    /// <summary>Null for the engine's own language; <c>text/fhirpath</c> for an SDC expression from a FHIR questionnaire.</summary>
    public string? Language { get; init; }
    /// <summary>For FHIRPath: the named variables in scope where the expression is written, outermost first.</summary>
    public ImmutableArray<NamedExpression> Variables { get; init; } = [];
    /// <summary>Set when the file had no usable expression where one was required (an error has been reported); nothing is checked.</summary>
    public bool Missing { get; init; }
}

/// <summary>An SDC variable: a name, its expression, and the item it is declared on (null for the questionnaire).</summary>
public sealed record NamedExpression(string Name, ExpressionSource Expression, string? ContextItem);

/// <summary>Source text of a template (Markdown for patients, plain text for clinicians), with its position.</summary>
public sealed record TemplateSource(string Text, SourceSpan Span);

/// <summary>The canonical model of one questionnaire file, whichever format it was written in. Immutable.</summary>
public sealed record QuestionnaireDefinition
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public string? Intro { get; init; }
    /// <summary>A module is meant to be included by others; it is not offered to patients on its own.</summary>
    public bool IsModule { get; init; }
    public required string Path { get; init; }
    public required SourceSpan Span { get; init; }
    public ImmutableArray<ItemDefinition> Items { get; init; } = [];
    public ImmutableArray<ValueDefinition> Values { get; init; } = [];
    public ImmutableArray<CheckDefinition> Checks { get; init; } = [];
    public ImmutableArray<RuleDefinition> Rules { get; init; } = [];
    public ImmutableArray<EntryDefinition> Entries { get; init; } = [];
    public ImmutableArray<PageDefinition> Pages { get; init; } = [];
    public TemplateSource? Narrative { get; init; }
    /// <summary>
    /// Every file this definition was read from (itself, its modules, its narrative file), with paths relative to
    /// its own folder: what the content hash covers, and what an archive keeps so an old submission can be shown
    /// against the exact text it was answered with.
    /// </summary>
    public ImmutableArray<SourceFile> SourceFiles { get; init; } = [];
}

/// <summary>One file a definition was read from.</summary>
public sealed record SourceFile(string RelativePath, string Text);

public sealed record OptionDefinition(string Code, string Display, SourceSpan Span)
{
    public string? System { get; init; }
    public decimal? Score { get; init; }
    public bool Exclusive { get; init; }
}

public sealed record ItemDefinition(string Id, ItemType Type, SourceSpan Span)
{
    /// <summary>The question or display text, in Markdown.</summary>
    public string? Text { get; init; }
    public string? Hint { get; init; }
    public bool Required { get; init; }
    public bool Repeats { get; init; }
    public int? MinCount { get; init; }
    public int? MaxCount { get; init; }
    public ImmutableArray<OptionDefinition> Options { get; init; } = [];
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public string? Unit { get; init; }
    public int? DecimalPlaces { get; init; }
    public int? MaxLength { get; init; }
    public bool ReadOnly { get; init; }
    /// <summary>Worked out and kept with the answers, but not shown to the patient (FHIR questionnaire-hidden).</summary>
    public bool Hidden { get; init; }
    public ExpressionSource? EnableWhen { get; init; }
    /// <summary>When set, the item's value is worked out from this expression and the patient does not answer it.</summary>
    public ExpressionSource? Calculated { get; init; }
    /// <summary>The answer a new session starts with: text, a number or code as text, or a list of codes.</summary>
    public object? Initial { get; init; }
    /// <summary>An expression worked out once when a session starts, giving the initial answer (SDC initialExpression, FHIRPath).</summary>
    public ExpressionSource? InitialExpression { get; init; }
    public ImmutableArray<ItemDefinition> Items { get; init; } = [];
    /// <summary>Set when this group is an included module; its items are the module's.</summary>
    public QuestionnaireDefinition? Module { get; init; }
    /// <summary>Codes that describe the item itself (for example a LOINC question code), used by FHIR export.</summary>
    public ImmutableArray<OptionDefinition> Codes { get; init; } = [];
    /// <summary>
    /// Set when the file gave this item a type that does not exist or included a module that could not be loaded (an
    /// error has been reported). The rest of the file is still checked, but expressions that read this item are not,
    /// so that one mistake is reported once, not again wherever the item is used.
    /// </summary>
    public bool Broken { get; init; }

    public bool IsQuestion => Type is not (ItemType.Group or ItemType.Display);

    /// <summary>An item the patient answers: a question that is not calculated.</summary>
    public bool IsAnswerable => IsQuestion && Calculated is null;
}

public sealed record ValueDefinition(string Name, ExpressionSource Expression, SourceSpan Span)
{
    public string? Description { get; init; }
}

/// <summary>A validation check: when <see cref="Assert"/> is false the message is shown next to the item.</summary>
public sealed record CheckDefinition(string Id, ExpressionSource Assert, TemplateSource Message, SourceSpan Span)
{
    public string? Item { get; init; }
    public SourceSpan ItemSpan { get; init; }
}

public sealed record RuleDefinition(string Id, ExpressionSource When, FlagLevel Level, SourceSpan Span)
{
    public TemplateSource? Patient { get; init; }
    public TemplateSource? Clinician { get; init; }
    public string? Source { get; init; }
}

public sealed record EntryDefinition(string System, string Code, string Display, SourceSpan Span)
{
    public string? Id { get; init; }
    public ExpressionSource? Value { get; init; }
    public string? Unit { get; init; }
    public ExpressionSource? When { get; init; }
}

public sealed record PageDefinition(string Id, SourceSpan Span)
{
    public string? Title { get; init; }
    public ImmutableArray<string> Items { get; init; } = [];
    public ImmutableArray<SourceSpan> ItemSpans { get; init; } = [];
}
