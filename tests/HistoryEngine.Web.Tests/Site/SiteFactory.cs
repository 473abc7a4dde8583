using System.Net;
using System.Text.RegularExpressions;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>
/// The whole site in memory, on its own temporary LiteDB file and a clock the test moves. It runs as a production-like
/// "Testing" environment (secure cookies, HSTS), so clients talk to it over https.
/// </summary>
public sealed partial class SiteFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private readonly string _folder = Directory.CreateTempSubdirectory("he-site-").FullName;

    // Starts at the real time: data protection keys are dated by the real clock.
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The database file; null for a new one in a temporary folder.</summary>
    public string? StorePath { get; init; }

    /// <summary>The questionnaires folder; null for the repository's own (the site's default).</summary>
    public string? QuestionnairesPath { get; init; }

    /// <summary>The test project's own questionnaires (a broken file, one with limits to break).</summary>
    public static string TestQuestionnaires => Path.Combine(AppContext.BaseDirectory, "Questionnaires");

    /// <summary>Configuration a test wants on top of the usual (AllowedHosts, say).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Service changes a test wants on top of the usual ones (applied last).</summary>
    public Action<IServiceCollection>? ReplaceServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Path", StorePath ?? Path.Combine(_folder, "site.db"));
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

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://practice.example"),
    });

    public async Task<Person> AddPersonAsync(Role role, string userName)
    {
        var hasher = Services.GetRequiredService<IPasswordHasher<Person>>();
        return await Store.AddPersonAsync(new NewPerson(role, $"Test {userName}", userName, null, null, null,
            hasher.HashPassword(null!, Password)));
    }

    /// <summary>Fetches the sign-in form and posts it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var token = AntiforgeryToken(await client.GetStringAsync("/Account/SignIn"));
        return await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The TOTP secret <see cref="SignedInAsync"/> enrols clinicians and admins with.</summary>
    public const string TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public ITwoFactorStore TwoFactor => Services.GetRequiredService<ITwoFactorStore>();

    /// <summary>The code an authenticator app set up with <paramref name="secret"/> shows at the site's clock time.</summary>
    public string CodeNow(string secret = TotpSecret) => new TotpCodes(Clock).Now(secret);

    /// <summary>A new person of this role, signed in; clinicians and admins are enrolled for two-factor sign-in
    /// first (with <see cref="TotpSecret"/>) and give the code, as they must to reach their pages.</summary>
    public async Task<HttpClient> SignedInAsync(Role role, string userName)
    {
        var person = await AddPersonAsync(role, userName);
        var needsCode = TwoFactorRequirement.IsRequiredFor(role);
        if (needsCode)
            await TwoFactor.EnrolTwoFactorAsync(person.Id, TotpSecret, [], 0);
        var client = Browser();
        var response = await SignInAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (needsCode)
            Assert.Equal(HttpStatusCode.Redirect, (await GiveCodeAsync(client, CodeNow())).StatusCode);
        return client;
    }

    /// <summary>Posts a code on the two-factor page, as a clinician would after their password.</summary>
    public static async Task<HttpResponseMessage> GiveCodeAsync(HttpClient client, string code)
    {
        var token = AntiforgeryToken(await client.GetStringAsync("/Account/TwoFactor"));
        return await client.PostAsync("/Account/TwoFactor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code,
            ["__RequestVerificationToken"] = token,
        }));
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
                    && System.Net.IPAddress.TryParse(value.ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no anti-forgery token.");

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)" """, RegexOptions.None)]
    private static partial Regex TokenPattern();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { } // best effort: a temp folder left behind harms nothing
    }
}
