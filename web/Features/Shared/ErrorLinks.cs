using System.Collections;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Shared;

/// <summary>
/// The lines of the NHS.UK error summary (the <c>_JourneyErrors</c> partial), in the order they are added: each
/// problem with the href of the field it is about, or an empty href when it is about no one field on the page. Every
/// page with an error summary builds it here, so a problem links to its field the same way everywhere.
/// </summary>
public sealed class ErrorLinks : IEnumerable<(string Href, string Message)>
{
    private readonly List<(string Href, string Message)> _lines = [];

    /// <summary>The problems of a page of fields: each field's error, in the order of the fields, linking to it; then
    /// the errors (by answer path) of no field on the page, unlinked.</summary>
    public static ErrorLinks ForFields(IReadOnlyCollection<Field> fields, IReadOnlyDictionary<string, string> errors) =>
        new ErrorLinks()
            .Add(fields.Where(f => f.Error is not null).Select(f => ("#" + f.Id, f.Error!)))
            .Unlinked(errors.Where(e => !fields.Any(f => f.Path == e.Key)).Select(e => e.Value));

    /// <summary>Errors by answer path, each linking to the field of that path.</summary>
    public ErrorLinks AtPaths(IEnumerable<KeyValuePair<string, string>> errors) =>
        Add(errors.Select(e => ("#" + FieldIds.For(e.Key), e.Value)));

    /// <summary>Errors by the HTML id of the input they are about.</summary>
    public ErrorLinks AtIds(IEnumerable<KeyValuePair<string, string>> errors) =>
        Add(errors.Select(e => ("#" + e.Key, e.Value)));

    /// <summary>Problems about no one field.</summary>
    public ErrorLinks Unlinked(IEnumerable<string> messages) => Add(messages.Select(m => ("", m)));

    /// <summary>Lines whose href the caller worked out (another page's field, say).</summary>
    public ErrorLinks Add(IEnumerable<(string Href, string Message)> lines)
    {
        _lines.AddRange(lines);
        return this;
    }

    public IEnumerator<(string Href, string Message)> GetEnumerator() => _lines.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
