using System.Globalization;
using HistoryEngine.Definitions;
using HistoryEngine.Rendering;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>Answers in words a patient reads back ("Yes", "1 March 2026 at 8:00am", "150 mmHg"). The result is
/// plain text: Razor encodes it, because answers are what a patient typed.</summary>
public static class AnswerText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    // Option labels and question wording are the author's, so each distinct text is made plain once (RenderedText).
    private static readonly RenderedText<string> Plain = new(Markdown.ToPlainText);

    public static string? Format(ItemInfo item, object? answer)
    {
        var def = item.Definition;
        var unit = def.Unit is null ? "" : " " + def.Unit;
        return answer switch
        {
            null => null,
            bool b => b ? "Yes" : "No",
            string[] codes => string.Join("\n", codes.Select(c => Display(def, c))),
            decimal d => d.ToString(English) + unit,
            int i => i.ToString(English) + unit,
            string s when item.Type == ItemType.Choice => Display(def, s),
            string s when item.Type == ItemType.Date && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) =>
                UkTime.Date(d),
            string s when item.Type == ItemType.DateTime && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) =>
                UkTime.DateAndTime(t),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An option's words for the patient (the author's Markdown, as plain text).</summary>
    public static string Display(ItemDefinition def, string code) =>
        def.Options.FirstOrDefault(o => o.Code == code) is { } option ? Plain.Get(option.Display ?? "") : code;

    /// <summary>One entry of a repeating group, counted from 1: "Allergy 2" with the group's <c>entry_name</c>, else
    /// the group's words ("Your allergies 2").</summary>
    public static string EntryName(ItemInfo group, int index) =>
        $"{(group.Definition.EntryName is { Length: > 0 } name ? name : Question(group))} {index + 1}";

    /// <summary>Words that follow a label mid-sentence ("Allergy 1: what happens to you?"): the first letter in lower
    /// case, unless the first word is an abbreviation ("NHS number" stays).</summary>
    public static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>A question's words as plain text, for the check page and summaries.</summary>
    public static string Question(ItemInfo item) => Plain.Get(item.Definition.Text ?? item.Id);

    /// <summary>The same, for a carer when <paramref name="forCarer"/>: the file's carer wording where it gives one.</summary>
    public static string Question(ItemInfo item, bool forCarer) =>
        forCarer && item.Definition.CarerText is { } carer ? Plain.Get(carer) : Question(item);
}
