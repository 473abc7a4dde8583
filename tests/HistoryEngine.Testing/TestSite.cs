using System.Net;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using HistoryEngine.Web.Infrastructure.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HistoryEngine.Testing;

/// <summary>
/// The whole site in memory, on its own temporary store (a LiteDB file, or a fresh schema on the test PostgreSQL server
/// when <see cref="Provider"/> says so) and a clock the test moves. It runs as a production-like
/// "Testing" environment (secure cookies, HSTS), so clients talk to it over https. Most tests share one through
/// <see cref="SharedSite"/>; a test that needs a site of its own (a setting, a service, a clock at a given moment, a
/// store file) makes one.
/// </summary>
public class TestSite : WebApplicationFactory<Program>
{
    public const string Password = TestCredentials.Password;
    public const string TotpSecret = TestCredentials.TotpSecret;

    static TestSite() => TestHostSettings.Apply();

    private readonly string _folder = Directory.CreateTempSubdirectory("he-site-").FullName;
    private static int _names;
    private int _addresses;

    /// <summary>The site's clock. It starts at the real time (data protection keys are dated by the real clock) and
    /// moves only when a test moves it; its own zone is UTC, as on the server, unless a test sets another.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The database file; null for a new one in a temporary folder.</summary>
    public string? StorePath { get; init; }

    /// <summary>The store's backend: LiteDB (a file, <see cref="StorePath"/>), or PostgreSQL on a schema of its own on
    /// the test server (<see cref="TestPostgres"/>), dropped when the site is disposed.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.LiteDb;

    private TestPostgres? _postgres;

    /// <summary>The questionnaires folder: the ones made for the tests (<see cref="TestPaths.Questionnaires"/>) unless
    /// a test says otherwise; null for the site's own default (the repository's questionnaires folder).</summary>
    public string? QuestionnairesPath { get; init; } = TestPaths.Questionnaires;

    /// <summary>Configuration a test wants on top of the usual (AllowedHosts, say).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Service changes a test wants on top of the usual ones (applied last).</summary>
    public Action<IServiceCollection>? ReplaceServices { get; init; }

    /// <summary>Each <see cref="Browser"/> comes from a network address of its own, so that one test's failed
    /// sign-ins never count against another's on a shared site.</summary>
    public bool AddressPerClient { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Path", StorePath ?? Path.Combine(_folder, "site.db"));
        if (Provider == StoreProvider.PostgreSql)
        {
            _postgres ??= new TestPostgres();
            builder.UseSetting("Store:Provider", nameof(StoreProvider.PostgreSql));
            builder.UseSetting("ConnectionStrings:Records", _postgres.ConnectionString);
        }
        if (QuestionnairesPath is not null)
            builder.UseSetting("Questionnaires:Path", QuestionnairesPath);
        foreach (var (key, value) in Settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, TestRemoteAddress>();
            ReplaceServices?.Invoke(services);
        });
    }

    public IRecordStore Store => Services.GetRequiredService<IRecordStore>();

    public ITwoFactorStore TwoFactor => Services.GetRequiredService<ITwoFactorStore>();

    /// <summary>A user name no other test on this site has: <paramref name="name"/> and a number.</summary>
    public static string UniqueName(string name) => $"{name}-{Interlocked.Increment(ref _names)}";

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them). Its requests come
    /// from <paramref name="address"/> when given (see <see cref="RemoteAddressHeader"/>).</summary>
    public HttpClient Browser(string? address = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://practice.example"),
        });
        if (address is null && AddressPerClient)
        {
            var n = Interlocked.Increment(ref _addresses);
            address = $"10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256}";
        }
        if (address is not null)
            client.DefaultRequestHeaders.Add(RemoteAddressHeader, address);
        return client;
    }

    /// <summary>A new person of this role, with <see cref="Password"/>, named "Test " and their user name.</summary>
    public async Task<Person> AddPersonAsync(Role role, string userName, string practiceId = HistoryEngine.Web.Infrastructure.Records.Model.Practice.DefaultId)
    {
        var hasher = Services.GetRequiredService<IPasswordHasher<Person>>();
        return await Store.AddPersonAsync(new NewPerson(role, $"Test {userName}", userName, null, null, null,
            hasher.HashPassword(null!, Password)) { PracticeId = practiceId });
    }

    /// <summary>Enrols a person for two-factor sign-in with <see cref="TotpSecret"/>, as scanning the QR code would.</summary>
    public Task EnrolTwoFactorAsync(Person person) => TwoFactor.EnrolTwoFactorAsync(person.Id, TotpSecret, [], 0);

    /// <summary>The code an authenticator app set up with <paramref name="secret"/> shows at the site's clock time.</summary>
    public string CodeNow(string secret = TotpSecret) => TestCredentials.CodeAt(Clock, secret);

    /// <summary>A new person of this role, signed in; clinicians and admins are enrolled for two-factor sign-in
    /// first (with <see cref="TotpSecret"/>) and give the code, as they must to reach their pages.</summary>
    public async Task<HttpClient> SignedInAsync(Role role, string userName) => (await SignedInPersonAsync(role, userName)).Client;

    /// <summary>As <see cref="SignedInAsync"/>, with the person too.</summary>
    public async Task<(HttpClient Client, Person Person)> SignedInPersonAsync(Role role, string userName,
        string practiceId = HistoryEngine.Web.Infrastructure.Records.Model.Practice.DefaultId)
    {
        var person = await AddPersonAsync(role, userName, practiceId);
        var needsCode = TwoFactorRequirement.IsRequiredFor(role);
        if (needsCode)
            await EnrolTwoFactorAsync(person);
        var client = Browser();
        await SignInAsync(client, userName, needsCode);
        return (client, person);
    }

    /// <summary>Signs an existing person in on <paramref name="client"/>: password, then for staff a fresh code.</summary>
    public async Task SignInAsync(HttpClient client, string userName, bool withCode)
    {
        var response = await SignIn.PasswordAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (withCode)
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.CodeAsync(client, CodeNow())).StatusCode);
    }

    /// <summary>Lets a test say which network address a request comes from (header <see cref="RemoteAddressHeader"/>),
    /// for the per-address sign-in limit; the test server otherwise gives every request the same one.</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private sealed class TestRemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var value)
                    && IPAddress.TryParse(value.ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _postgres?.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { } // best effort: a temp folder left behind harms nothing
    }
}
