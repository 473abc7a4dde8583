using System.Collections.Concurrent;
using HistoryEngine.Web.Infrastructure.Records;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// Sessions that were signed out. A session cookie is self-contained (encrypted and signed, nothing kept on the server),
/// so without this a copy of a cookie taken before sign-out would keep working until it expired. Signing out records
/// the session's id in the store; every request's cookie is checked against it. How depends on the store:
/// <list type="bullet">
/// <item>A store shared by several site instances (PostgreSQL, <see cref="ISharedInstanceState"/>): any instance may
/// have ended the session, so every check of a session not already known to be ended asks the database (one primary-key
/// lookup per signed-in request, a fraction of a millisecond on the same network). Only "ended" answers are kept in
/// memory, because a session never comes back once ended; "not ended" is never cached, since a sign-out on another
/// instance would go unseen for as long as it was kept.</item>
/// <item>The LiteDB store: one site process owns the file, so it sees every sign-out. The set is read from the store
/// on the first check after start-up (a restart does not bring ended sessions back) and then checked in memory, with
/// no store read per request.</item>
/// </list>
/// If a read fails, the check fails (the request gets the error page) and the next one tries again: a cookie is never
/// accepted unchecked.
/// </summary>
public sealed class EndedSessions(IRecordStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ISharedInstanceState? _shared = store as ISharedInstanceState;
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
        ForgetExpired();
    }

    public async ValueTask<bool> HasEndedAsync(string sessionId, CancellationToken ct = default)
    {
        if (_shared is null)
        {
            await EnsureLoadedAsync(ct);
            return _ended.ContainsKey(sessionId);
        }
        if (_ended.ContainsKey(sessionId))
            return true;
        var now = clock.GetUtcNow();
        if (!await _shared.IsSessionEndedAsync(sessionId, now, ct))
            return false;
        // Ended is for good: remember it, until the cookie could no longer be presented anyway.
        _ended[sessionId] = now + AuthenticationSetup.AbsoluteTimeout;
        ForgetExpired();
        return true;
    }

    private void ForgetExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, limit) in _ended)
            if (limit < now) _ended.TryRemove(id, out _);
    }
}
