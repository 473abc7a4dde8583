using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// One question (or display text, or group) as a page shows it: where its answer lives (<see cref="Path"/>), the
/// HTML id its error links point at, what to show in its inputs, and its error. The inputs show what the patient
/// typed when the page is shown again after a problem, and the stored answer otherwise.
/// </summary>
public sealed class Field
{
    public required ItemInfo Item { get; init; }
    public required string Path { get; init; }
    public string Id => FieldIds.For(Path);
    /// <summary>The item as this person reads it: for a carer answering for the patient, the question in the author's
    /// carer wording (<c>carer_text</c>) where the file gives one.</summary>
    public ItemDefinition Definition => _definition ??= ForCarer && Item.Definition.CarerText is { } carer
        ? Item.Definition with { Text = carer }
        : Item.Definition;
    private ItemDefinition? _definition;

    /// <summary>True when a carer is answering for the patient (set before <see cref="Definition"/> is read).</summary>
    public bool ForCarer { get; init; }
    public ItemType Type => Item.Type;

    /// <summary>True for the one question of a page: its words are the page's heading (an h1), as NHS.UK question
    /// pages do, rather than a page title with the question repeated under it.</summary>
    public bool IsPageHeading { get; set; }

    /// <summary>The message next to the field, if any.</summary>
    public string? Error { get; set; }

    /// <summary>The stored answer, as the session gives it (for summaries).</summary>
    public object? Answer { get; set; }

    /// <summary>The input's text (numbers, text, the chosen code, "true"/"false").</summary>
    public string Text { get; set; } = "";

    /// <summary>The chosen codes of a multiple choice.</summary>
    public IReadOnlyList<string> Selected { get; set; } = [];

    /// <summary>The parts of a date or date and time.</summary>
    public string Day { get; set; } = "";
    public string Month { get; set; } = "";
    public string Year { get; set; } = "";
    public string Time { get; set; } = "";

    /// <summary>A group's items (for a repeating group, those of the instance being added).</summary>
    public List<Field> Children { get; } = [];

    /// <summary>A repeating group's instances so far.</summary>
    public List<Instance> Instances { get; } = [];

    /// <summary>For a repeating group: the index a new instance would get, or null when it is full.</summary>
    public int? NewIndex { get; set; }

    /// <summary>True for a calculated item: shown, never answered.</summary>
    public bool IsCalculated => Definition.Calculated is not null;

    /// <summary>True when _FieldTop has something to show (further paragraphs, a hint or an error); most fields have
    /// none, and skipping an empty partial saves a view lookup and render per field.</summary>
    public bool HasTop => Error is not null || Definition.Hint is not null
                          || !ReferenceEquals(PatientText.AfterFirst(Definition.Text), Microsoft.AspNetCore.Html.HtmlString.Empty);

    /// <summary>The ids that describe the field, for aria-describedby: <paramref name="before"/> (a date's example,
    /// a limit), then the hint and the error when they are shown; null (no attribute at all) when there are none.</summary>
    public string? DescribedBy(params string?[] before) =>
        string.Join(' ', before.Append(Definition.Hint is null ? null : Id + "-hint").Append(Error is null ? null : Id + "-error")
            .OfType<string>()) is { Length: > 0 } s ? s : null;

    /// <summary>Marks the exclusive option of a checkbox question for the NHS.UK script. Written into the tag only on
    /// that option: a <c>data-*</c> attribute with a null value would still be written by Razor, on every option.</summary>
    public static readonly Microsoft.AspNetCore.Html.HtmlString ExclusiveBehaviour = new("data-behaviour=\"exclusive\"");

    /// <summary>The NHS.UK character count's attributes for a long text with a limit; nothing without one (for the
    /// same reason as <see cref="ExclusiveBehaviour"/>).</summary>
    public Microsoft.AspNetCore.Html.HtmlString? CharacterCount => Definition.MaxLength is { } limit
        ? new($"data-module=\"nhsuk-character-count\" data-maxlength=\"{limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"")
        : null;
}

/// <summary>One instance of a repeating group: its fields, and whether it is shown as a form (being changed, or
/// holding a problem) or as a summary with change and remove links.</summary>
public sealed record Instance(int Index, string Path, List<Field> Fields, bool Editing);

/// <summary>HTML ids for answer paths: <c>readings[0].systolic</c> becomes <c>q-readings-0--systolic</c>, because
/// brackets and dots in an id trip up CSS selectors and some scripts. Item ids hold only letters, digits and _.</summary>
public static class FieldIds
{
    public static string For(string path) =>
        "q-" + string.Concat(path.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '-'));
}
