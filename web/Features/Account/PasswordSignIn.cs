using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace HistoryEngine.Web.Features.Account;

/// <summary>
/// Checks a user name and password with lockout. Every refusal looks the same to the caller (null), whether the
/// account does not exist, the password is wrong or the account is locked, so the page cannot give away which; and
/// each costs the same: the password hasher runs exactly once (against a decoy hash when there is no account, and
/// on a locked account too, its answer then ignored), so the time taken does not tell them apart either.
/// </summary>
public sealed class PasswordSignIn(IRecordStore store, IPasswordHasher<Person> hasher, TimeProvider clock)
{
    /// <summary>Failed attempts in a row that lock an account.</summary>
    public const int LockAfter = 5;

    /// <summary>How long a lockout lasts.</summary>
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    // A throwaway hash to verify against when there is no such account, made with the settings the site's hasher
    // uses (the defaults), so that it takes as long as a real one.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<Person>().HashPassword(null!, Guid.NewGuid().ToString()));

    /// <summary>The person if the password is right and the account is not locked; otherwise null.</summary>
    public async Task<Person?> TrySignInAsync(string userName, string password, CancellationToken ct = default)
    {
        var person = await store.FindPersonByUserNameAsync(userName, ct);
        if (person is null)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            await store.AppendAuditAsync(new AuditEntry("unknown", "sign-in-refused", null, "no such account"), ct);
            return null;
        }

        var check = hasher.VerifyHashedPassword(person, person.PasswordHash, password);
        if (person.IsLockedOut(clock.GetUtcNow()))
        {
            await Refuse(person, "account locked", ct);
            return null;
        }

        if (check == PasswordVerificationResult.Failed)
        {
            var after = await store.RecordFailedSignInAsync(person.Id, LockAfter, LockFor, ct);
            await Refuse(person, after.LockoutEnd is null ? "wrong password" : "wrong password; account locked", ct);
            return null;
        }

        if (check == PasswordVerificationResult.SuccessRehashNeeded)
            await store.SetPasswordHashAsync(person.Id, hasher.HashPassword(person, password), ct);
        // For clinicians and admins the password is half of it: the failure count is cleared only once the code is
        // right too, or re-entering the password would reset the count and allow endless guesses at the code.
        if (TwoFactorRequirement.IsRequiredFor(person.Role))
        {
            await store.AppendAuditAsync(new AuditEntry(person.Id, "password-accepted", null, "second factor to follow"), ct);
            return person;
        }
        person = await store.RecordSuccessfulSignInAsync(person.Id, ct);
        await store.AppendAuditAsync(new AuditEntry(person.Id, "signed-in", PatientOf(person), null), ct);
        return person;
    }

    private Task Refuse(Person person, string why, CancellationToken ct) =>
        store.AppendAuditAsync(new AuditEntry(person.Id, "sign-in-refused", PatientOf(person), why), ct);

    private static string? PatientOf(Person person) => person.Role == Role.Patient ? person.Id : null;
}
