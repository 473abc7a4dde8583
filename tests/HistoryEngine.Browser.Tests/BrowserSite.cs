using System.Net;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Testing;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace HistoryEngine.Browser.Tests;

/// <summary>Every browser test shares one site and one chromium, one test at a time: two cores are enough.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser";
}

/// <summary>
/// The site on a real loopback socket with its own temporary store, and one headless Debian chromium driven by
/// Playwright. Shared by every browser test (one collection); each test opens its own browser context (its own cookies).
/// </summary>
public class BrowserSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = TestCredentials.Password;

    static BrowserSite() => TestHostSettings.Apply();

    public BrowserSite() : this(null)
    {
    }

    /// <summary>A site whose clock is <paramref name="clock"/> (it moves only when the test moves it), for a path that
    /// takes weeks; null for the real clock.</summary>
    protected BrowserSite(FakeTimeProvider? clock) => _clock = clock;

    private readonly FakeTimeProvider? _clock;

    /// <summary>The site's clock: the test's own (see the constructor), or the real one.</summary>
    public TimeProvider Clock => (TimeProvider?)_clock ?? TimeProvider.System;

    private readonly string _folder = Directory.CreateTempSubdirectory("he-browser-").FullName;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots are kept as test output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(TestPaths.RepoRoot(), ".test-results", "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Browser");
        builder.UseSetting("Store:Path", Path.Combine(_folder, "site.db"));
        builder.UseSetting("Questionnaires:Path", TestPaths.ShippedQuestionnaires);
        if (_clock is { } clock)
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
    }

    public async Task InitializeAsync()
    {
        // Over https, as in production: secure cookies and anti-forgery refuse plain http outside Development.
        var certificate = TestCertificates.SelfSigned();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Without the networking switches chromium keeps trying to reach hosts this machine cannot reach.
            Args = ["--no-sandbox", "--ignore-certificate-errors", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public new async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A phone-sized page (375 by 812, as an iPhone, unless another width is given) in a fresh context;
    /// optionally with JavaScript off.</summary>
    public async Task<IPage> PhoneAsync(bool javaScript = true, int width = 375)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 812 },
            BaseURL = BaseUrl,
            // axe is injected into pages; the site's Content-Security-Policy would rightly refuse it.
            BypassCSP = true,
            JavaScriptEnabled = javaScript,
        });
        // A step that cannot happen fails in seconds, not in Playwright's default half minute.
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    /// <summary>A desktop-sized page (1280 by 900), as a GP's screen, in a fresh context.</summary>
    public async Task<IPage> DesktopAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BaseURL = BaseUrl,
            BypassCSP = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A new patient, signed in on a fresh phone.</summary>
    public async Task<(IPage Page, Person Patient)> PatientOnAPhoneAsync(string userName, bool javaScript = true, int width = 375)
    {
        var patient = await AddPersonAsync(Role.Patient, userName);
        var page = await PhoneAsync(javaScript, width);
        await SignInAsync(page, userName);
        return (page, patient);
    }

    public IRecordStore Store => Services.GetRequiredService<IRecordStore>();

    public async Task<Person> AddPersonAsync(Role role, string userName)
    {
        var store = Services.GetRequiredService<IRecordStore>();
        var hasher = Services.GetRequiredService<IPasswordHasher<Person>>();
        var person = await store.AddPersonAsync(new NewPerson(role, $"Test {userName}", userName, null, null, null,
            hasher.HashPassword(null!, Password)));
        if (TwoFactorRequirement.IsRequiredFor(role))
            await Services.GetRequiredService<ITwoFactorStore>().EnrolTwoFactorAsync(person.Id, TestCredentials.TotpSecret, [], 0);
        return person;
    }

    /// <summary>Signs in as a person would: password, then for staff the code from their authenticator app.</summary>
    public static async Task SignInAsync(IPage page, string userName, TimeProvider? clock = null)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (page.Url.Contains("/Account/TwoFactor", StringComparison.OrdinalIgnoreCase))
        {
            await page.GetByLabel("Code").FillAsync(TestCredentials.CodeAt(clock ?? TimeProvider.System));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
