using System.Collections.Concurrent;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>
/// Failed sign-ins (wrong passwords, wrong codes) counted per network address, across accounts, so that one
/// address cannot try a common password against many user names: the per-account lockout would never trip.
/// After <see cref="MaxFailures"/> failures within <see cref="Window"/>, that address is refused without the
/// password being checked until the oldest failure is older than the window. Kept in memory: a restart forgets,
/// which is acceptable for a limit measured in minutes. Behind a reverse proxy, the proxy's forwarded address must
/// be trusted (ForwardedHeaders) or every patient shares one address; see docs/security.md.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
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
    public bool IsBlocked(string address)
    {
        if (!_failures.TryGetValue(address, out var times))
            return false;
        lock (times)
        {
            Prune(times);
            return times.Count >= MaxFailures;
        }
    }

    public void RecordFailure(string address)
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
