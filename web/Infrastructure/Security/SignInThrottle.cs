using System.Collections.Concurrent;
using HistoryEngine.Web.Infrastructure.Records;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// Failed sign-ins (wrong passwords, wrong codes) counted per network address, across accounts, so that one
/// address cannot try a common password against many user names: the per-account lockout would never trip.
/// After <see cref="MaxFailures"/> failures within <see cref="Window"/>, that address is refused without the
/// password being checked until the oldest failure is older than the window. Where the failures are counted depends
/// on the store: with one shared by several site instances (PostgreSQL, <see cref="ISharedInstanceState"/>) they are
/// rows in the database, counted on every check, so an address cannot spread its attempts over the instances behind
/// a load balancer. With LiteDB one process owns the store and they are kept in memory: a restart forgets, which is
/// acceptable for a limit measured in minutes. Behind a reverse proxy, the proxy's forwarded address must
/// be trusted (ForwardedHeaders) or every patient shares one address; see docs/security.md.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, ISharedInstanceState? shared = null)
{
    public const int MaxFailures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Bounded: when an attack from very many addresses fills it, addresses with nothing in the window are dropped.
    private const int MaxAddresses = 50_000;

    public const string Refused =
        "There have been too many attempts to sign in from your network. Wait 15 minutes and try again, " +
        "or contact your GP practice.";

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>The key for a request: its remote address.</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>True while this address has used up its failures.</summary>
    public async ValueTask<bool> IsBlockedAsync(string address, CancellationToken ct = default) =>
        shared is null
            ? IsBlocked(address)
            : await shared.CountSignInFailuresAsync(address, clock.GetUtcNow() - Window, ct) >= MaxFailures;

    /// <summary>Counts one failed sign-in from this address.</summary>
    public async ValueTask RecordFailureAsync(string address, CancellationToken ct = default)
    {
        if (shared is null)
        {
            RecordFailure(address);
            return;
        }
        var now = clock.GetUtcNow();
        await shared.RecordSignInFailureAsync(address, now, now - Window, ct);
    }

    private bool IsBlocked(string address)
    {
        if (!_failures.TryGetValue(address, out var times))
            return false;
        lock (times)
        {
            Prune(times);
            return times.Count >= MaxFailures;
        }
    }

    private void RecordFailure(string address)
    {
        if (_failures.Count >= MaxAddresses)
            foreach (var (key, old) in _failures)
                lock (old)
                {
                    Prune(old);
                    if (old.Count == 0)
                        _failures.TryRemove(key, out _);
                }
        var times = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            Prune(times);
            times.Enqueue(clock.GetUtcNow());
        }
    }

    private void Prune(Queue<DateTimeOffset> times)
    {
        var since = clock.GetUtcNow() - Window;
        while (times.Count > 0 && times.Peek() <= since)
            times.Dequeue();
    }
}
