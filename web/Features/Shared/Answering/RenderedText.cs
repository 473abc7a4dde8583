using System.Collections.Concurrent;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// Author-written Markdown rendered once per distinct text instead of on every request. Rendering is a pure function
/// of the text, and the texts come from the questionnaire files (question wording, hints, option labels: a few
/// hundred per questionnaire version), never from what a patient typed, so a memo is exact. Bounded all the same:
/// when full it is emptied. Safe for concurrent use.
/// </summary>
internal sealed class RenderedText<T>(Func<string, T> render, int capacity = 4096) where T : class
{
    private readonly ConcurrentDictionary<string, T> _rendered = new(StringComparer.Ordinal);

    public int Count => _rendered.Count;

    public T Get(string text)
    {
        if (_rendered.TryGetValue(text, out var known))
            return known;
        var made = render(text);
        if (_rendered.Count >= capacity)
            _rendered.Clear();
        _rendered.TryAdd(text, made);
        return made;
    }
}
