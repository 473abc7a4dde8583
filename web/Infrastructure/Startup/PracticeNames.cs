using System.Collections.Concurrent;
using System.Security.Claims;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>
/// The practice name the pages show (header, titles, footer), read from the practice's record: the signed-in person's
/// practice, or the default practice for someone not signed in (issue 17 point 4). Names are kept for a minute, so a
/// page does not cost a read; a name changed in the database shows on every instance within that minute.
/// </summary>
public sealed class PracticeNames(IPeopleStore store, TimeProvider clock, Practice configured)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Until)> _names = new(StringComparer.Ordinal);

    /// <summary>The name to show to <paramref name="user"/>; <see cref="Practice.Unnamed"/> if the record is missing.</summary>
    public async Task<string> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = user.Identity?.IsAuthenticated == true ? user.PracticeId() : Records.Model.Practice.DefaultId;
        var now = clock.GetUtcNow();
        if (_names.TryGetValue(id, out var kept) && kept.Until > now)
            return kept.Name;
        Records.Model.Practice? record;
        try
        {
            record = await store.GetPracticeAsync(id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store unreachable: the page (often the error page saying so) still renders, with the configured name,
            // which is not kept, so the record's name is back as soon as the store is.
            return configured.Name;
        }
        var name = record?.Name is { Length: > 0 } stored
            ? (stored.Length > Practice.MaxLength ? stored[..Practice.MaxLength] : stored)
            : Practice.Unnamed;
        _names[id] = (name, now + KeptFor);
        return name;
    }
}
