using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Registration;

/// <summary>
/// The practice's changes to who a patient is: registering one (with an invitation link to set their password),
/// editing their details, and issuing a new link. Each is one unit of work with its audit entries, so a registration
/// never lands without its link or its audit, and a link is never issued unaudited.
/// </summary>
public static class PracticeLinks
{
    /// <summary>Adds the patient, issues their invitation, and audits both; a user name already taken is a
    /// <see cref="RecordConflictException"/> and nothing is written.</summary>
    public static async Task<(Person Patient, IssuedLink Invitation)> RegisterAsync(IRecordStore store, PersonDetails details,
        string userName, string byId, DateTimeOffset now, CancellationToken ct, string practiceId = Practice.DefaultId)
    {
        var (token, hash) = AccountLinkTokens.New();
        return await store.WriteAsync(w =>
        {
            // No password until the patient sets one: an empty hash never verifies.
            var patient = w.AddPerson(new NewPerson(Role.Patient, details.DisplayName, userName.Trim(), details.Email,
                details.DateOfBirth, details.NhsNumber, "") { Sex = details.Sex, Phone = details.Phone, PracticeId = practiceId });
            w.AppendAudit(new AuditEntry(byId, ReviewAudit.PatientRegistered, patient.Id,
                $"user name {patient.UserName}; {Described(details)}"));
            return (patient, new IssuedLink(token, Issue(w, patient.Id, AccountLinkPurpose.Invitation, hash, byId, now)));
        }, ct);
    }

    /// <summary>
    /// Adds a carer account for <paramref name="patient"/>, issues its invitation link, and gives it access to act for
    /// the patient (what, and until when), with the audit of each, in one unit of work; a user name already taken is a
    /// <see cref="RecordConflictException"/> and nothing is written.
    /// </summary>
    public static async Task<(Person Carer, IssuedLink Invitation, ProxyGrant Grant)> RegisterCarerAsync(IRecordStore store,
        Person patient, CarerForm form, DateTimeOffset? endsAt, string byId, DateTimeOffset now, CancellationToken ct)
    {
        var (token, hash) = AccountLinkTokens.New();
        return await store.WriteAsync(w =>
        {
            var carer = w.AddPerson(new NewPerson(Role.Proxy, CarerForm.Clean(form.Name)!, CarerForm.Clean(form.UserName)!,
                CarerForm.Clean(form.Email), null, null, "") { Phone = CarerForm.Clean(form.Phone), PracticeId = patient.PracticeId });
            w.AppendAudit(new AuditEntry(byId, ReviewAudit.CarerRegistered, patient.Id,
                $"carer {carer.Id}, user name {carer.UserName}, to act for this patient"));
            var link = Issue(w, carer.Id, AccountLinkPurpose.Invitation, hash, byId, now);
            var grant = Grant(w, patient, carer, form, endsAt, byId);
            return (carer, new IssuedLink(token, link), grant);
        }, ct);
    }

    /// <summary>Gives an existing carer account access to act for the patient (or changes what it allows and until
    /// when), audited, in one unit of work.</summary>
    public static Task<ProxyGrant> GrantAsync(IRecordStore store, Person patient, Person carer, CarerForm form,
        DateTimeOffset? endsAt, string byId, CancellationToken ct) =>
        store.WriteAsync(w => Grant(w, patient, carer, form, endsAt, byId), ct);

    private static ProxyGrant Grant(IRecordWriter w, Person patient, Person carer, CarerForm form, DateTimeOffset? endsAt, string byId)
    {
        var grant = w.AddProxyGrant(patient.Id, carer.Id, form.CanFill, form.CanViewRecord, endsAt);
        w.AppendAudit(new AuditEntry(byId, ReviewAudit.CarerAccessGranted, patient.Id,
            $"grant {grant.Id} to {carer.Id} fill={form.CanFill} record={form.CanViewRecord} " +
            $"ends {(endsAt is { } e ? e.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "Z" : "never")}; " +
            "the practice checked the carer may act for the patient"));
        return grant;
    }

    /// <summary>Replaces the patient's details and audits which fields changed.</summary>
    public static Task<Person> EditAsync(IRecordStore store, Person patient, PersonDetails details, string byId, CancellationToken ct) =>
        store.WriteAsync(w =>
        {
            var updated = w.UpdatePersonDetails(patient.Id, details);
            w.AppendAudit(new AuditEntry(byId, ReviewAudit.DetailsChanged, patient.Id, "changed: " + Changes(patient, updated)));
            return updated;
        }, ct);

    /// <summary>Issues a new link (cancelling any still open) and audits it.</summary>
    public static async Task<IssuedLink> IssueAsync(IRecordStore store, Person patient, AccountLinkPurpose purpose,
        string byId, DateTimeOffset now, CancellationToken ct)
    {
        var (token, hash) = AccountLinkTokens.New();
        return new IssuedLink(token, await store.WriteAsync(w => Issue(w, patient.Id, purpose, hash, byId, now), ct));
    }

    private static AccountLink Issue(IRecordWriter w, string personId, AccountLinkPurpose purpose, string hash, string byId, DateTimeOffset now)
    {
        var link = w.IssueAccountLink(new NewAccountLink(personId, purpose, hash, byId, now + AccountLinkTokens.Lifetime(purpose)));
        // The audit names the link by its id, never by its token.
        w.AppendAudit(new AuditEntry(byId, ReviewAudit.LinkIssued, personId,
            $"{purpose} link {link.Id}, expires {link.ExpiresAt:yyyy-MM-dd HH:mm}Z"));
        return link;
    }

    private static string Described(PersonDetails d) =>
        $"date of birth {(d.DateOfBirth is { } dob ? dob.ToString("yyyy-MM-dd") : "not given")}, " +
        $"NHS number {(d.NhsNumber is null ? "not given" : "given")}, phone {(d.Phone is null ? "not given" : "given")}";

    /// <summary>The names of the fields that changed (not their values: the audit trail is searched by admins).</summary>
    private static string Changes(Person before, Person after)
    {
        var changed = new List<string>();
        if (before.DisplayName != after.DisplayName) changed.Add("name");
        if (before.DateOfBirth != after.DateOfBirth) changed.Add("date of birth");
        if (before.NhsNumber != after.NhsNumber) changed.Add("NHS number");
        if (before.Phone != after.Phone) changed.Add("phone");
        if (before.Email != after.Email) changed.Add("email");
        if (before.Sex != after.Sex) changed.Add("sex");
        return changed.Count == 0 ? "nothing" : string.Join(", ", changed);
    }
}
