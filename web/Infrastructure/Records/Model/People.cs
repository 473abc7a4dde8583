namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>What a person may do on the site; a carer's rights also depend on an active <see cref="ProxyGrant"/>.</summary>
public enum Role
{
    Patient,
    Proxy,
    Clinician,
    Admin,
}

/// <summary>A person to add to the store; the store assigns the id and the creation time.</summary>
public sealed record NewPerson(
    Role Role,
    string DisplayName,
    string UserName,
    string? Email,
    DateOnly? DateOfBirth,
    string? NhsNumber,
    string PasswordHash);

/// <summary>An account: who someone is, how they sign in, and their sign-in failure state.</summary>
public sealed record Person(
    string Id,
    Role Role,
    string DisplayName,
    string UserName,
    string? Email,
    DateOnly? DateOfBirth,
    string? NhsNumber,
    string PasswordHash,
    int FailedSignIns,
    DateTimeOffset? LockoutEnd,
    DateTimeOffset CreatedAt)
{
    /// <summary>True while a lockout set after too many failed sign-ins has not yet run out.</summary>
    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}
