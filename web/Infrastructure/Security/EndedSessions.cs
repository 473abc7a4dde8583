using System.Collections.Concurrent;
using HistoryEngine.Web.Infrastructure.Records;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// Sessions that were signed out. A session cookie is self-contained (encrypted and signed, nothing kept on the server),
/// so without this a copy of a cookie taken before sign-out would keep working until it expired. Signing out records
/// the session's id in the store and here; every request's cookie is checked against this set in memory (no store read
/// per request), and the set is read from the store on the first check after start-up, so a restart does not bring
/// ended sessions back. If that read fails, the check fails (the request gets the error page) and the next one tries
/// again: a cookie is never accepted unchecked. One site process owns the store file, so it sees every sign-out.
/// </summary>
public sealed class EndedSessions(IRecordStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    private async ValueTask EnsureLoadedAsync(CancellationToken ct)
    {
        if (_loaded) return;
        await _loading.WaitAsync(ct);
        try
        {
            if (_loaded) return;
            foreach (var (id, until) in await store.ListEndedSessionsAsync(clock.GetUtcNow(), ct))
                _ended.TryAdd(id, until);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Ends <paramref name="sessionId"/> for good; its cookie could be presented until <paramref name="until"/>.</summary>
    public async Task EndAsync(string sessionId, DateTimeOffset until, CancellationToken ct = default)
    {
        await store.EndSessionAsync(sessionId, until, ct);
        _ended[sessionId] = until;
        var now = clock.GetUtcNow();
        foreach (var (id, limit) in _ended)
            if (limit < now) _ended.TryRemove(id, out _);
    }

    public async ValueTask<bool> HasEndedAsync(string sessionId, CancellationToken ct = default)
    {
        await EnsureLoadedAsync(ct);
        return _ended.ContainsKey(sessionId);
    }
}
