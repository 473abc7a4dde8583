using System.Collections.Immutable;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions;

/// <summary>The kinds of item a questionnaire can hold.</summary>
public enum ItemType { Group, Display, Boolean, Choice, MultipleChoice, Integer, Decimal, Text, LongText, Date, DateTime }

/// <summary>Flag levels, lowest first; <see cref="Emergency"/> stops the questionnaire.</summary>
public enum FlagLevel { Routine, Soon, Urgent, Emergency }

/// <summary>
/// Flag levels as files and the result JSON write them (<c>emergency</c>, <c>urgent</c>, <c>soon</c>, <c>routine</c>):
/// the one place a level is named or read back, for the YAML and FHIR readers, the result JSON and its readers.
/// </summary>
public static class FlagLevels
{
    public static readonly IReadOnlyDictionary<string, FlagLevel> ByName = new Dictionary<string, FlagLevel>(StringComparer.Ordinal)
    {
        ["emergency"] = FlagLevel.Emergency, ["urgent"] = FlagLevel.Urgent, ["soon"] = FlagLevel.Soon, ["routine"] = FlagLevel.Routine,
    };

    /// <summary>The level a name stands for, or null for anything else (names are lower case, as written).</summary>
    public static FlagLevel? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var level) ? level : null;

    /// <summary>The level's name as files and the result JSON write it.</summary>
    public static string Name(FlagLevel level) => level switch
    {
        FlagLevel.Emergency => "emergency",
        FlagLevel.Urgent => "urgent",
        FlagLevel.Soon => "soon",
        _ => "routine",
    };
}

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
    /// <summary>True when the file searches the patient's record for values (a FHIR x-fhir-query for their
    /// Observations): a session needs <c>PatientContext.Observations</c>.</summary>
    public bool SearchesRecord { get; init; }

    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public string? Intro { get; init; }
    /// <summary>One plain sentence that tells this questionnaire apart from the others where patients choose
    /// (<c>description</c>); null when the file gives none.</summary>
    public string? Description { get; init; }
    /// <summary>The top-level question whose answer is the reason for contact in the patient's words (<c>reason</c>),
    /// shown first to the clinician; null when the file names none.</summary>
    public string? Reason { get; init; }
    /// <summary>The question that asks who is filling in the form, and its option for someone else (a carer), so the
    /// site can answer it for a carer (<c>who_answers</c>); null when the file names none.</summary>
    public WhoAnswersDefinition? WhoAnswers { get; init; }
    /// <summary>A module is meant to be included by others; it is not offered to patients on its own.</summary>
    public bool IsModule { get; init; }
    /// <summary>Offered only when the practice asks for it (<c>assigned_only</c>): not among the questionnaires a
    /// patient may choose to start, such as a review a care plan assigns.</summary>
    public bool IsAssignedOnly { get; init; }
    /// <summary>
    /// Written in the engine's own YAML format, which has <c>review_only</c> and <c>symptom_now</c>: only such files
    /// are told about answers nothing reads. A FHIR questionnaire is a form written elsewhere and cannot say why.
    /// </summary>
    public bool IsNative { get; init; }
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
    /// <summary>Where the code's value is written (a code that fails its check is reported there); <see cref="Span"/> when not known.</summary>
    public SourceSpan CodeSpan { get => _codeSpan.Line == 0 ? Span : _codeSpan; init => _codeSpan = value; }
    private readonly SourceSpan _codeSpan;
    public decimal? Score { get; init; }
    public bool Exclusive { get; init; }
    /// <summary>Choosing this option is a symptom happening now: some rule must fire on it alone (<c>symptom_now: true</c>).</summary>
    public bool SymptomNow { get; init; }
}

/// <summary>
/// <c>who_answers</c>: the top-level choice question that asks who is filling in the form (<see cref="Item"/>), the
/// option of it that means someone else, such as a carer (<see cref="SomeoneElse"/>), and optionally the top-level
/// text question for that person's name (<see cref="Name"/>).
/// </summary>
public sealed record WhoAnswersDefinition(string Item, string SomeoneElse, string? Name, SourceSpan Span);

public sealed record ItemDefinition(string Id, ItemType Type, SourceSpan Span)
{
    /// <summary>The question or display text, in Markdown.</summary>
    public string? Text { get; init; }
    /// <summary>The same question worded for a carer answering about the patient ("What would they like help
    /// with?"), in Markdown (<c>carer_text</c>); null: a carer reads <see cref="Text"/>.</summary>
    public string? CarerText { get; init; }
    public string? Hint { get; init; }
    public bool Required { get; init; }
    /// <summary>For a required item: what the patient is told when it is left unanswered, in the NHS.UK style
    /// ("Select what your appointment is about"). Null: the site says it in general words.</summary>
    public string? MissingMessage { get; init; }
    public bool Repeats { get; init; }
    /// <summary>For a repeating group: what one entry is called ("Allergy"), so that answers read back as "Allergy 1:
    /// what happens to you?". Null: the group's own text is used.</summary>
    public string? EntryName { get; init; }
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
    /// <summary>
    /// Why the answer is only for the clinician to read (<c>review_only: "reason"</c>): then no rule, value, check,
    /// entry or condition needs to read it, and the tools do not warn that nothing does.
    /// </summary>
    public string? ReviewOnly { get; init; }
    public SourceSpan ReviewOnlySpan { get; init; }
    /// <summary>For a yes/no question, the answer that is a symptom happening now (<c>symptom_now: yes</c> or <c>no</c>): some rule must fire on it alone.</summary>
    public bool? SymptomNow { get; init; }
    public SourceSpan SymptomNowSpan { get; init; }

    public bool IsQuestion => Type is not (ItemType.Group or ItemType.Display);

    /// <summary>An item the patient answers: a question that is not calculated.</summary>
    public bool IsAnswerable => IsQuestion && Calculated is null;
}

public sealed record ValueDefinition(string Name, ExpressionSource Expression, SourceSpan Span)
{
    public string? Description { get; init; }
    /// <summary>Set for a key score or value the clinician sees beside the flags, under this label
    /// (<c>clinician_label: PHQ-9 total</c>); values without one are the file's own workings (counts, intermediate
    /// sums) and stay in the result JSON only.</summary>
    public string? ClinicianLabel { get; init; }
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

/// <summary>One code for a thing in one code system, as written in a file; <see cref="Span"/> is where its code is written.</summary>
public sealed record CodingDefinition(string System, string Code, string Display, SourceSpan Span);

/// <summary>
/// A coded entry proposed for the record. <see cref="System"/>, <see cref="Code"/> and <see cref="Display"/> are its
/// primary coding; <see cref="Codings"/> lists every coding of the same thing (the PHQ-9 total in SNOMED CT and in
/// LOINC), the primary first.
/// </summary>
public sealed record EntryDefinition(string System, string Code, string Display, SourceSpan Span)
{
    /// <summary>Every coding, the primary first; just the primary when no others were given.</summary>
    public ImmutableArray<CodingDefinition> Codings
    {
        get => _codings.IsDefaultOrEmpty ? [new CodingDefinition(System, Code, Display, Span)] : _codings;
        init => _codings = value;
    }
    private readonly ImmutableArray<CodingDefinition> _codings;
    public string? Id { get; init; }
    public ExpressionSource? Value { get; init; }
    public string? Unit { get; init; }
    public ExpressionSource? When { get; init; }
    /// <summary>
    /// The day the value was taken (<c>taken:</c>, a date expression), when it is not the day the entry is filed: the
    /// home blood pressure averages are dated by the diary's last reading, so a diary filed late is not the latest.
    /// </summary>
    public ExpressionSource? Taken { get; init; }
    /// <summary>The lowest and highest value a clinician may file for a number entry (<c>min</c>, <c>max</c>).</summary>
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    /// <summary>
    /// The panel the entry is a part of (<c>panel:</c>, a coding): entries with the same panel are one FHIR Observation
    /// with a component each, as the home blood pressure averages are the LOINC mean blood pressure panel.
    /// </summary>
    public CodingDefinition? Panel { get; init; }
}

public sealed record PageDefinition(string Id, SourceSpan Span)
{
    public string? Title { get; init; }
    /// <summary>The part of the journey the page is in ("About you", "Your symptoms"), for a progress measure that
    /// does not grow as answers bring in pages; a page without one is in the section of the page before it.</summary>
    public string? Section { get; init; }
    public ImmutableArray<string> Items { get; init; } = [];
    public ImmutableArray<SourceSpan> ItemSpans { get; init; } = [];
}
