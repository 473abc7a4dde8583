using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>People and signing in: accounts, the sign-in count and lockout, one-time account links (written through
/// <see cref="IRecordWriter"/>), where a person last looked, and ended sessions.</summary>
public interface IPeopleStore
{
    /// <summary>Adds a person; a user name already taken (ignoring case) is a conflict.</summary>
    Task<Person> AddPersonAsync(NewPerson person, CancellationToken ct = default);

    /// <summary>The person with this id, or null.</summary>
    Task<Person?> GetPersonAsync(string id, CancellationToken ct = default);

    /// <summary>The person who signs in with this user name (ignoring case), or null.</summary>
    Task<Person?> FindPersonByUserNameAsync(string userName, CancellationToken ct = default);

    /// <summary>Everyone, or everyone with one role, ordered by display name; with <paramref name="practiceId"/>, only
    /// that practice's people (what a clinician's search is limited to).</summary>
    Task<IReadOnlyList<Person>> ListPeopleAsync(Role? role = null, CancellationToken ct = default, string? practiceId = null);

    /// <summary>Adds a practice; a code another practice already has is a <see cref="ConflictKind.DuplicatePracticeCode"/>
    /// conflict. A person added with an unknown practice id is a <see cref="RecordNotFoundException"/>.</summary>
    Task<Practice> AddPracticeAsync(NewPractice practice, CancellationToken ct = default);

    /// <summary>The practice with this id, or null. Every store has <see cref="Practice.DefaultId"/>.</summary>
    Task<Practice?> GetPracticeAsync(string id, CancellationToken ct = default);

    /// <summary>Every practice, ordered by name.</summary>
    Task<IReadOnlyList<Practice>> ListPracticesAsync(CancellationToken ct = default);

    /// <summary>Names the default practice <paramref name="name"/> if it is still <see cref="Practice.UnnamedName"/>
    /// (configuration seeds its name once; after that the record is the truth), and returns it.</summary>
    Task<Practice> NameDefaultPracticeAsync(string name, CancellationToken ct = default);

    /// <summary>Counts a failed sign-in atomically; the <paramref name="lockAfter"/>th failure locks the account for
    /// <paramref name="lockFor"/> and starts the count again.</summary>
    Task<Person> RecordFailedSignInAsync(string personId, int lockAfter, TimeSpan lockFor, CancellationToken ct = default);

    /// <summary>Clears the failure count and any lockout after a good sign-in.</summary>
    Task<Person> RecordSuccessfulSignInAsync(string personId, CancellationToken ct = default);

    /// <summary>Replaces a password hash (a new password, or a rehash with stronger parameters).</summary>
    Task<Person> SetPasswordHashAsync(string personId, string passwordHash, CancellationToken ct = default);

    /// <summary>The link whose token has this SHA-256 hash, used or not, or null.</summary>
    Task<AccountLink?> FindAccountLinkAsync(string tokenHash, CancellationToken ct = default);

    /// <summary>Every link issued for a person, newest first.</summary>
    Task<IReadOnlyList<AccountLink>> ListAccountLinksAsync(string personId, CancellationToken ct = default);

    /// <summary>Records that <paramref name="personId"/> looked at <paramref name="place"/> now, and returns when they
    /// looked before (null the first time).</summary>
    Task<DateTimeOffset?> RecordVisitAsync(string personId, string place, CancellationToken ct = default);

    /// <summary>Records that the session <paramref name="sessionId"/> was ended (signed out), so a copy of its cookie
    /// is refused until <paramref name="until"/>, when the cookie would have expired anyway.</summary>
    Task EndSessionAsync(string sessionId, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>The sessions ended whose cookies could still be presented at <paramref name="now"/>, with their limits.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ListEndedSessionsAsync(DateTimeOffset now, CancellationToken ct = default);
}
