using System.Net;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Site;
using HistoryEngine.Web.Tests.Site.Journey;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Security.Matrix;

/// <summary>Who is asking, in the order of the matrix's columns.</summary>
public enum Actor
{
    /// <summary>Nobody signed in.</summary>
    Anonymous,
    /// <summary>The patient whose data the route values name.</summary>
    Patient,
    /// <summary>Another patient, asking for the first patient's ids.</summary>
    OtherPatient,
    /// <summary>A carer the patient allowed to fill in questionnaires only.</summary>
    CarerFill,
    /// <summary>A carer the patient allowed to see the record only.</summary>
    CarerView,
    /// <summary>A carer whose grant (both rights) the patient revoked.</summary>
    CarerRevoked,
    /// <summary>A carer acting for the other patient only.</summary>
    CarerOther,
    /// <summary>A clinician signed in with password and code.</summary>
    Clinician,
    /// <summary>An admin signed in with password and code.</summary>
    Admin,
    /// <summary>A clinician who has a password but has not set up a second factor.</summary>
    ClinicianNoCode,
    /// <summary>A clinician of another practice in the same store, signed in with password and code (issue 17 point 4):
    /// the seeded patient is not theirs.</summary>
    ClinicianOtherPractice,
}

/// <summary>
/// One site, seeded once for all the security tests that walk every route: a patient with a draft, a submission,
/// record entries and a message; another patient; carers with each kind of grant; staff. Each actor has its own
/// signed-in client whose cookies are frozen after sign-in, and an anti-forgery token for its forms.
/// </summary>
public sealed class SeededSite : IAsyncLifetime
{
    public const string Collection = "Seeded site";

    public TestSite Site { get; } = new();

    /// <summary>Route values for every parameter name the site's routes use (add one when a new route needs it).</summary>
    public Dictionary<string, string> RouteValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<Actor, HttpClient> Clients { get; } = [];
    public Dictionary<Actor, string> Tokens { get; } = [];
    public Dictionary<Actor, CookieJar> Jars { get; } = [];
    private readonly Dictionary<Actor, Person?> _people = [];

    public Person Patient { get; private set; } = null!;
    public Submission Submission { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var store = Site.Store;
        var people = new Dictionary<Actor, Person>();
        var otherPractice = await store.AddPracticeAsync(new NewPractice("Other Practice"));
        foreach (var actor in Enum.GetValues<Actor>().Where(a => a != Actor.Anonymous))
        {
            var role = actor switch
            {
                Actor.Patient or Actor.OtherPatient => Role.Patient,
                Actor.Clinician or Actor.ClinicianNoCode or Actor.ClinicianOtherPractice => Role.Clinician,
                Actor.Admin => Role.Admin,
                _ => Role.Proxy,
            };
            people[actor] = await Site.AddPersonAsync(role, actor.ToString().ToLowerInvariant(),
                actor == Actor.ClinicianOtherPractice ? otherPractice.Id : Practice.DefaultId);
        }
        Patient = people[Actor.Patient];
        var other = people[Actor.OtherPatient];
        await store.AddProxyGrantAsync(Patient.Id, people[Actor.CarerFill].Id, canFill: true, canViewRecord: false);
        await store.AddProxyGrantAsync(Patient.Id, people[Actor.CarerView].Id, canFill: false, canViewRecord: true);
        var revoked = await store.AddProxyGrantAsync(Patient.Id, people[Actor.CarerRevoked].Id, canFill: true, canViewRecord: true);
        await store.RevokeProxyGrantAsync(revoked.Id);
        await store.AddProxyGrantAsync(other.Id, people[Actor.CarerOther].Id, canFill: true, canViewRecord: true);
        await Site.TwoFactor.EnrolTwoFactorAsync(people[Actor.Clinician].Id, TestSite.TotpSecret, [], 0);
        await Site.TwoFactor.EnrolTwoFactorAsync(people[Actor.Admin].Id, TestSite.TotpSecret, [], 0);
        await Site.TwoFactor.EnrolTwoFactorAsync(people[Actor.ClinicianOtherPractice].Id, TestSite.TotpSecret, [], 0);

        foreach (var actor in Enum.GetValues<Actor>())
            await SignInAsync(actor, people.GetValueOrDefault(actor));

        // The patient's data, made the way the site makes it where that is quick, directly otherwise.
        var driver = new JourneyDriver(Clients[Actor.Patient]);
        var bpCheck = Site.Services.GetRequiredService<QuestionnaireCatalog>().Get("test-bp")!;
        Assert.Equal(HttpStatusCode.Redirect, (await driver.AnswerAsync($"/Journey/{Patient.Id}/test-bp/page/start",
            ("measured_at:day", "1"), ("measured_at:month", "3"), ("measured_at:year", "2026"), ("measured_at:time", "07:30"),
            ("arm", "left"))).StatusCode);
        Submission = await store.AddSubmissionAsync(new NewSubmission(Patient.Id, Patient.Id, QuestionnaireCatalog.RefTo(bpCheck),
            """{"arm":"left"}""", """{"flags":[]}""", FlagLevel.Routine));
        var entry = await store.AddRecordEntryAsync(new NewRecordEntry(Patient.Id, "http://snomed.info/sct", "413606001",
            "Average home systolic blood pressure", "142", "mm[Hg]", people[Actor.Clinician].Id, Submission.Id, "1.0.0"));
        var message = await store.AddMessageAsync(new NewMessage(Patient.Id, people[Actor.Clinician].Id, "Your readings", "Your readings were filed.", Submission.Id));

        foreach (var name in new[] { "subject", "patientId", "patient" })
            RouteValues[name] = Patient.Id;
        foreach (var name in new[] { "submissionId", "id" })
            RouteValues[name] = Submission.Id;
        RouteValues["reference"] = Submission.Reference;
        RouteValues["questionnaireId"] = "test-bp";
        RouteValues["pageId"] = "start";
        RouteValues["entryId"] = entry.Id;
        RouteValues["messageId"] = message.Id;
        RouteValues["grantId"] = revoked.Id;
        RouteValues["index"] = "0";
        RouteValues["token"] = "a-token-never-issued";
    }

    private async Task SignInAsync(Actor actor, Person? person)
    {
        _people[actor] = person;
        var jar = new CookieJar();
        var client = Site.CreateDefaultClient(new Uri("https://practice.example"), jar);
        var signInPage = await client.GetStringAsync("/Account/SignIn");
        if (person is not null)
        {
            var response = await SignIn.PasswordAsync(client, person.UserName, TestSite.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            if (actor is Actor.Clinician or Actor.Admin or Actor.ClinicianOtherPractice)
                Assert.Equal(HttpStatusCode.Redirect, (await SignIn.CodeAsync(client, Site.CodeNow())).StatusCode);
        }
        jar.Frozen = true;
        Tokens[actor] = Forms.AntiforgeryToken(person is null ? signInPage : await client.GetStringAsync("/Account/SignOut"));
        Clients[actor] = client;
        Jars[actor] = jar;
    }

    /// <summary>Sends a request as <paramref name="actor"/>; a POST carries the actor's token unless told not to.</summary>
    public async Task<HttpResponseMessage> SendAsync(Actor actor, string method, string url, string form = "", bool withToken = true)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            var fields = form.Length == 0 ? [] : form.Split('&').Select(p => p.Split('=', 2))
                .Select(kv => new KeyValuePair<string, string>(kv[0], kv.Length > 1 ? kv[1] : "")).ToList();
            if (withToken)
                fields.Add(new("__RequestVerificationToken", Tokens[actor]));
            request.Content = new FormUrlEncodedContent(fields);
        }
        var response = await Clients[actor].SendAsync(request);
        // Signing out ends the session on the server too (a kept copy of the cookie no longer works), so an actor who
        // has just signed out signs in again, and the rest of the matrix runs as them.
        if (method == "POST" && url.StartsWith("/Account/SignOut", StringComparison.Ordinal)
            && response.StatusCode == HttpStatusCode.Redirect && _people[actor] is { } person)
        {
            // A code cannot be used twice: staff wait for their authenticator's next one.
            if (actor is Actor.Clinician or Actor.Admin or Actor.ClinicianOtherPractice) Site.Clock.Advance(TimeSpan.FromSeconds(30));
            await SignInAsync(actor, person);
        }
        return response;
    }

    public Task DisposeAsync()
    {
        Site.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The security tests that walk every route share one seeded site (and so run one after another).</summary>
[CollectionDefinition(SeededSite.Collection)]
public sealed class SeededSiteCollection : ICollectionFixture<SeededSite>;
