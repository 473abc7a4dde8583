using System.Collections.Immutable;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>
/// The SDC extensions that change what an item means for the patient or the record: itemControl codes that
/// change meaning (<c>page</c> makes a top-level group a page; <c>check-box</c> and <c>gtable</c> where the answers
/// they imply differ from what R4 says), <c>questionnaire-hidden</c> (worked out, not shown) and
/// <c>observationExtract</c> (an answer becomes a proposed record entry for the GP). Other itemControl codes only
/// change how an item looks and are ignored with the unknown-extension warning.
/// </summary>
internal sealed partial class FhirQuestionnaireReader
{
    private const string ItemControlUrl = FhirElements.Core + "questionnaire-itemControl";

    /// <summary>The top-level groups marked as pages, in file order.</summary>
    private readonly List<string> _pageGroups = [];
    private readonly ImmutableArray<EntryDefinition>.Builder _extracted = ImmutableArray.CreateBuilder<EntryDefinition>();

    private static string? ItemControl(JObject item) =>
        Extensions(item, ItemControlUrl).Select(e => ValueOf(e)?.Value is JObject concept && concept["coding"] is JArray codings
            ? codings.Items.OfType<JObject>().Select(c => Str(c, "code")).FirstOrDefault(c => c is not null) : null).FirstOrDefault(c => c is not null);

    /// <summary>Reads an item's itemControl; returns the code when the engine takes it into account.</summary>
    private string? ReadItemControl(JObject item, string linkId, ItemType type, bool repeats, bool topLevel)
    {
        if (Extensions(item, ItemControlUrl).FirstOrDefault() is not { } extension || ItemControl(item) is not { } code) return null;
        var at = extension.Property("url")?.Span ?? extension.Span;
        switch (code)
        {
            case "page" when type == ItemType.Group && topLevel:
                _pageGroups.Add(linkId);
                return code;
            case "page":
                Report(at, Codes.FhirApproximated, $"'{linkId}' is marked as a page, but only a top-level group can be one: it is shown on the page it belongs to");
                return code;
            case "gtable" or "table" or "htable" or "grid" when type == ItemType.Group:
                // A table of the group's questions: each row of a gtable is one instance of a repeating group,
                // which the engine asks one by one; a group that does not repeat is one row. Same answers either way.
                return code;
            case "check-box" when type == ItemType.MultipleChoice:
                return code;
            case "check-box" when type is ItemType.Choice or ItemType.Boolean:
                Report(at, Codes.FhirApproximated, type == ItemType.Boolean
                    ? $"'{linkId}' is a yes/no question shown as a tick box, where an unticked box would mean no: it is asked as yes or no, so no answer stays no answer"
                    : $"'{linkId}' is shown as tick boxes but does not repeat: it takes one answer");
                return code;
            default:
                Ignore(ItemControlUrl, at);
                return null;
        }
    }

    /// <summary>questionnaire-hidden: the item is worked out and kept, but not shown to the patient.</summary>
    private ItemDefinition Hidden(JObject item, ItemDefinition d, string linkId)
    {
        if (!Extensions(item, FhirElements.Hidden).Any(e => ValueOf(e)?.Value is JValue { Value: true })) return d;
        if (d.Required && d.IsAnswerable)
        {
            Report(item.Property("required")!.Span, Codes.FhirApproximated, $"'{linkId}' is hidden, so the patient cannot answer it: it is not required");
            d = d with { Required = false };
        }
        return d with { Hidden = true };
    }

    /// <summary>Pages from itemControl <c>page</c>: each page group alone, and the top-level items between them together.</summary>
    private ImmutableArray<PageDefinition> PagesFromItemControl(ImmutableArray<ItemDefinition> items)
    {
        if (_pageGroups.Count == 0) return [];
        var pages = ImmutableArray.CreateBuilder<PageDefinition>();
        var loose = new List<ItemDefinition>();
        void Flush()
        {
            if (loose.Count == 0) return;
            pages.Add(new PageDefinition(loose[0].Id, loose[0].Span) { Items = [.. loose.Select(i => i.Id)], ItemSpans = [.. loose.Select(i => i.Span)] });
            loose.Clear();
        }
        foreach (var item in items)
        {
            if (!_pageGroups.Contains(item.Id)) { loose.Add(item); continue; }
            Flush();
            pages.Add(new PageDefinition(item.Id, item.Span) { Title = item.Text, Items = [item.Id], ItemSpans = [item.Span] });
        }
        Flush();
        return pages.ToImmutable();
    }

    /// <summary>
    /// observationExtract on the Questionnaire, a group or a question (a group's and the file's apply to the items
    /// under them, unless an item says false): each question with a code becomes a proposed record entry, its
    /// value the answer (the option's words for a choice). Returns the flag that applies to this item.
    /// </summary>
    private bool? ReadObservationExtract(JObject node, ItemDefinition? d, string? linkId, bool? inherited, bool inRepeatingGroup)
    {
        bool? own = null;
        foreach (var e in Extensions(node, FhirElements.ObservationExtract))
        {
            if (ValueOf(e)?.Value is JValue { Value: bool b }) own = b;
            else Report(e.Span, Codes.FhirUnsupported, "observationExtract with a relationship code (component, member, derived) is not supported; it is ignored");
        }
        var applies = own ?? inherited;
        if (d is null || applies != true || !d.IsQuestion) return applies;
        if (d.Codes.IsEmpty)
        {
            if (own == true) Report(node.Property("linkId")!.Span, Codes.FhirApproximated, $"'{linkId}' is to be extracted as an Observation but has no code: nothing is proposed for the record");
            return applies;
        }
        if (inRepeatingGroup)
        {
            Report(node.Property("linkId")!.Span, Codes.FhirUnsupported, $"'{linkId}' is inside a repeating group: its answers are not extracted as Observations");
            return applies;
        }
        var code = d.Codes[0];
        var reference = Reference(linkId!);
        var value = d.Type is ItemType.Choice or ItemType.MultipleChoice ? $"display({reference})" : reference;
        _extracted.Add(new EntryDefinition(code.System ?? "", code.Code, code.Display, d.Span)
        {
            Id = linkId,
            Value = new ExpressionSource(value, d.Span),
            Unit = d.Type is ItemType.Integer or ItemType.Decimal ? d.Unit : null,
            When = new ExpressionSource($"answered({reference})", d.Span),
        });
        return applies;
    }
}
