using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>
/// Development only: people to sign in as on a fresh database, and a printout of how to, at every start. The password
/// is fixed and published on purpose; Program refuses to call this outside Development.
/// </summary>
internal static class DemoAccounts
{
    /// <summary>The one password every demo account has.</summary>
    public const string Password = "demo-password-1";

    /// <summary>The demo patients' NHS numbers (the 999 range, which the NHS keeps for testing; each passes the
    /// modulus 11 check) and telephone numbers (Ofcom's range for drama, which rings nobody).</summary>
    private static readonly Dictionary<string, (string NhsNumber, string Phone)> PatientDetails = new()
    {
        ["patient1"] = ("999 000 0018", "07700 900123"),
        ["patient2"] = ("999 000 0026", "07700 900456"),
        ["patient3"] = ("999 000 0034", "07700 900789"),
    };

    /// <summary>A second practice in the same store, with its own clinician and patient, so that a demo shows that a
    /// clinician sees only their own practice's patients (issue 17 point 4). Found again by its code.</summary>
    private const string SecondPracticeName = "Demo Second Practice", SecondPracticeCode = "DEMO2";

    private static readonly (string UserName, Role Role, string Name, bool Second)[] Accounts =
    [
        ("patient1", Role.Patient, "Alex Patient", false),
        ("patient2", Role.Patient, "Sam Patient", false),
        ("carer1", Role.Proxy, "Jo Carer", false),
        ("clinician1", Role.Clinician, "Dr Rowan Clinician", false),
        ("admin1", Role.Admin, "Kim Admin", false),
        ("patient3", Role.Patient, "Robin Patient", true),
        ("clinician2", Role.Clinician, "Dr Ash Clinician", true),
    ];

    public static async Task EnsureAndPrintAsync(IServiceProvider services, TextWriter output)
    {
        var store = services.GetRequiredService<IRecordStore>();
        var hasher = services.GetRequiredService<IPasswordHasher<Person>>();
        var clock = services.GetRequiredService<TimeProvider>();

        var people = new Dictionary<string, Person>();
        var created = false;
        var second = (await store.ListPracticesAsync()).FirstOrDefault(p => p.Code == SecondPracticeCode)
                     ?? await store.AddPracticeAsync(new NewPractice(SecondPracticeName, SecondPracticeCode));
        foreach (var (userName, role, name, inSecond) in Accounts)
        {
            var person = await store.FindPersonByUserNameAsync(userName);
            if (person is null)
            {
                created = true;
                var dateOfBirth = role == Role.Patient ? new DateOnly(1958, 4, 12) : (DateOnly?)null;
                person = await store.AddPersonAsync(new NewPerson(role, name, userName, $"{userName}@example.org",
                    dateOfBirth, null, hasher.HashPassword(null!, Password))
                {
                    Sex = userName == "patient1" ? HistoryEngine.Runtime.PatientSex.Female : role == Role.Patient ? HistoryEngine.Runtime.PatientSex.Male : null,
                    PracticeId = inSecond ? second.Id : Records.Model.Practice.DefaultId,
                });
            }
            // Demo stores made before patients had NHS numbers and phones get them too.
            if (PatientDetails.TryGetValue(userName, out var details) && (person.NhsNumber is null || person.Phone is null))
            {
                var nhs = NhsNumber.Parse(details.NhsNumber, out _)!.Value.Digits;
                person = await store.WriteAsync(w => w.UpdatePersonDetails(person.Id, new PersonDetails(person.DisplayName,
                    person.Email, person.Phone ?? details.Phone, person.DateOfBirth, person.NhsNumber ?? nhs, person.Sex)));
            }
            people[userName] = person;
        }

        if (created)
        {
            var patient = people["patient1"];
            await store.AddProxyGrantAsync(patient.Id, people["carer1"].Id, canFill: true, canViewRecord: false);
            var due = UkTime.Today(clock).AddDays(7);
            await store.AddAssignmentAsync(new NewAssignment(patient.Id, "home-bp-diary", due, people["clinician1"].Id));
        }

        // Clinicians and admins need a second factor: the demo ones are enrolled with a secret printed below, so
        // that an authenticator app (or `oathtool --totp -b SECRET`) gives their codes.
        var twoFactor = services.GetRequiredService<ITwoFactorStore>();
        var secrets = new Dictionary<string, string>();
        foreach (var (userName, role, _, _) in Accounts.Where(a => TwoFactorRequirement.IsRequiredFor(a.Role)))
        {
            var id = people[userName].Id;
            var enrolment = await twoFactor.GetTwoFactorAsync(id)
                ?? await twoFactor.EnrolTwoFactorAsync(id, TotpCodes.NewSecret(), [], 0);
            secrets[userName] = enrolment.Secret;
        }

        output.WriteLine($"Demo accounts (Development only; the password for each is \"{Password}\"):");
        foreach (var (userName, role, name, inSecond) in Accounts)
            output.WriteLine($"  {userName,-12} {role,-10} {name}" +
                (PatientDetails.TryGetValue(userName, out var d) ? $" (NHS number {d.NhsNumber}, phone {d.Phone})" : "") +
                (inSecond ? $", at {second.Name}" : ""));
        output.WriteLine("  (carer1 may act for patient1; clinician2 sees only patient3, the others are another practice's)");
        foreach (var (userName, secret) in secrets)
            output.WriteLine($"  {userName} signs in with a code from an authenticator app set up with the key {secret}\n" +
                             $"    ({TotpCodes.Uri(secret, userName)})");
    }
}
