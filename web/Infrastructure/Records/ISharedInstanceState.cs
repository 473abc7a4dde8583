namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>
/// Sign-in state that several site processes on one database must see alike: which sessions were signed out, and how
/// many sign-ins failed from an address. A store that several processes can share (PostgreSQL) implements it, and the
/// site then asks the store on every check, so a sign-out or a failure on one instance counts on all at once. The
/// LiteDB store does not: one process owns its file, so that process's memory already sees everything
/// (<see cref="Security.EndedSessions"/>, <see cref="Security.SignInThrottle"/>).
/// </summary>
public interface ISharedInstanceState
{
    /// <summary>True when <paramref name="sessionId"/> was ended (signed out) and its cookie could still be presented
    /// at <paramref name="now"/>.</summary>
    Task<bool> IsSessionEndedAsync(string sessionId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Records a failed sign-in from <paramref name="address"/> at <paramref name="at"/>, and forgets every
    /// failure (from any address) at or before <paramref name="forgetUpTo"/>.</summary>
    Task RecordSignInFailureAsync(string address, DateTimeOffset at, DateTimeOffset forgetUpTo, CancellationToken ct = default);

    /// <summary>How many sign-ins failed from <paramref name="address"/> after <paramref name="since"/>.</summary>
    Task<int> CountSignInFailuresAsync(string address, DateTimeOffset since, CancellationToken ct = default);
}
