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
    string PasswordHash)
{
    /// <summary>The sex the practice's record holds, if known: questionnaires read it as <c>patient.sex</c>.</summary>
    public HistoryEngine.Runtime.PatientSex? Sex { get; init; }

    /// <summary>A telephone number the practice can call the person on, as given.</summary>
    public string? Phone { get; init; }

    /// <summary>The practice the person is registered at (a patient) or works for (staff).</summary>
    public string PracticeId { get; init; } = Practice.DefaultId;
}

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
    /// <summary>The sex the practice's record holds, if known: questionnaires read it as <c>patient.sex</c>.</summary>
    public HistoryEngine.Runtime.PatientSex? Sex { get; init; }

    /// <summary>A telephone number the practice can call the person on, as given.</summary>
    public string? Phone { get; init; }

    /// <summary>The practice the person is registered at (a patient) or works for (staff): a clinician sees only the
    /// patients of their own practice. People stored before practices existed belong to <see cref="Practice.DefaultId"/>.</summary>
    public string PracticeId { get; init; } = Practice.DefaultId;

    /// <summary>What a questionnaire session is told about this person: <c>patient.*</c> in expressions, and who they
    /// are for a FHIR questionnaire's <c>%patient</c>.</summary>
    public HistoryEngine.Runtime.PatientContext Context =>
        new()
        {
            DateOfBirth = DateOfBirth, Sex = Sex, Id = Id, Name = DisplayName,
            NhsNumber = global::HistoryEngine.Web.Infrastructure.Records.Model.NhsNumber.Parse(NhsNumber, out _)?.Digits,
        };

    /// <summary>True while a lockout set after too many failed sign-ins has not yet run out.</summary>
    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    // The changes every store makes to a person, written once so that the stores cannot differ.

    /// <summary>One more failed sign-in: at <paramref name="lockAfter"/> the count starts again and sign-in is locked
    /// until <paramref name="now"/> + <paramref name="lockFor"/>.</summary>
    public Person WithFailedSignIn(int lockAfter, TimeSpan lockFor, DateTimeOffset now) =>
        FailedSignIns + 1 >= lockAfter
            ? this with { FailedSignIns = 0, LockoutEnd = now + lockFor }
            : this with { FailedSignIns = FailedSignIns + 1 };

    /// <summary>A successful sign-in clears the failures and any lockout.</summary>
    public Person WithSuccessfulSignIn() => this with { FailedSignIns = 0, LockoutEnd = null };

    /// <summary>A password the person chose through a one-time link: it also clears failures and any lockout.</summary>
    public Person WithPasswordFromLink(string passwordHash) => this with { PasswordHash = passwordHash, FailedSignIns = 0, LockoutEnd = null };

    /// <summary>The details the practice changed (not how the person signs in).</summary>
    public Person WithDetails(PersonDetails d) => this with
    {
        DisplayName = d.DisplayName, Email = d.Email, Phone = d.Phone, DateOfBirth = d.DateOfBirth, NhsNumber = d.NhsNumber, Sex = d.Sex,
    };
}

/// <summary>The details the practice keeps about a person and may change (not how they sign in): name, contact,
/// date of birth, NHS number (its ten digits, see <see cref="Model.NhsNumber"/>) and sex.</summary>
public sealed record PersonDetails(
    string DisplayName,
    string? Email,
    string? Phone,
    DateOnly? DateOfBirth,
    string? NhsNumber,
    HistoryEngine.Runtime.PatientSex? Sex);
