using HistoryEngine.Web.Infrastructure.Records;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>Display names for person ids within one request (status history, who filed, who answered).</summary>
public sealed class PeopleNames(IRecordStore store)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public async Task<string> NameAsync(string id, CancellationToken ct)
    {
        if (!_names.TryGetValue(id, out var name))
            _names[id] = name = (await store.GetPersonAsync(id, ct))?.DisplayName ?? $"unknown person ({id})";
        return name;
    }

    /// <summary>Names already looked up; an id not looked up reads as itself.</summary>
    public string this[string id] => _names.GetValueOrDefault(id, id);

    public async Task LoadAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        foreach (var id in ids.Distinct())
            await NameAsync(id, ct);
    }
}
