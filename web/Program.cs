using HistoryEngine.Web.Features.Account;
using HistoryEngine.Web.Features.Fhir;
using HistoryEngine.Web.Infrastructure.Operations;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Startup;

// Every file this process writes (the store, LiteDB's log, backups) is the owner's alone (docs/security.md).
PrivateFiles.RestrictNewFiles();

// `backup PATH` and `restore PATH [--force]` run instead of the site (docs/operations.md).
if (StoreCommands.IsCommand(args))
    return await StoreCommands.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
var development = builder.Environment.IsDevelopment();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddRecordStore();
builder.Services.AddSharedInstances();
builder.Services.AddHostedService<BackupRequests>();
builder.Services.AddQuestionnaireCatalog();
builder.Services.AddAuditCheck();
builder.Services.AddSiteAuthentication(development);
builder.Services.AddScoped<PasswordSignIn>();
builder.Services.AddScoped<HistoryEngine.Web.Features.Clinician.WaitingWork>();
builder.Services.AddSingleton<HistoryEngine.Web.Features.Shared.CarePlanWork>();
builder.Services.AddHostedService<HistoryEngine.Web.Features.Shared.CarePlanSweepService>();
builder.Services.AddSingleton(services => Practice.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<PracticeNames>();
builder.Services.AddSingleton(services => HistoryEngine.Web.Infrastructure.Time.OpeningHours.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

var pages = builder.Services.AddRazorPages(options =>
{
    // Feature folders: each feature keeps its pages, models and views together under Features/.
    options.RootDirectory = "/Features";
    options.Conventions.AuthorizeFolder("/Patient", Policies.Patient);
    // Pages about one patient's data, for the patient or a carer; each page checks whose data it is.
    options.Conventions.AuthorizeFolder("/Journey", Policies.PatientOrCarer);
    options.Conventions.AuthorizeFolder("/Record", Policies.PatientOrCarer);
    options.Conventions.AuthorizeFolder("/Plan", Policies.PatientOrCarer);
    options.Conventions.AuthorizeFolder("/Home", Policies.PatientOrCarer);
    options.Conventions.AuthorizeFolder("/Diary", Policies.PatientOrCarer);
    options.Conventions.AuthorizeFolder("/Carer", Policies.Proxy);
    options.Conventions.AuthorizeFolder("/Clinician", Policies.Clinician);
    options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
}).AddMvcOptions(MalformedForms.RemoveJQueryValueProviders);
if (development)
{
    // Runtime compilation is obsolete in .NET 10 (ASPDEPR003), but it is still the only way to see a Razor edit
    // without restarting, and it is switched on in Development only, so the warning is silenced here and nowhere else.
#pragma warning disable ASPDEPR003
    pages.AddRazorRuntimeCompilation();
#pragma warning restore ASPDEPR003
}

var app = builder.Build();

// Before the store is opened (opening creates it): settings a live site must not run with by accident.
if (args is not [AuditCheck.Command, ..] && ProductionChecks.Refusal(app.Configuration, app.Environment) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 1;
}
// The practice's opening hours are read now, so that a mistyped value stops the site with its key named.
try
{
    app.Services.GetRequiredService<HistoryEngine.Web.Infrastructure.Time.OpeningHours>();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
if (ReverseProxy.SettingsProblem(app.Configuration) is { } proxyProblem)
{
    Console.Error.WriteLine(proxyProblem);
    return 1;
}
if (RecordStoreSetup.TryOpen(app.Services) is { } problem)
{
    Console.Error.WriteLine(problem);
    if (args is not [AuditCheck.Command, ..]) return 1;
    // verify-audit tells "could not check" (2) apart from "checked and broken" (1), so a script can tell them apart.
    Console.Error.WriteLine(AuditCheck.CouldNotOpenHint);
    return AuditCheck.CouldNotOpen;
}
// `dotnet run --project web -- verify-audit`: check the audit chain and exit, without starting the site.
if (args is [AuditCheck.Command, ..])
    return await AuditCheck.RunCommandAsync(app.Services, Console.Out, Console.Error);
AuditCheck.StartBesideTheSite(app.Services, Console.Error, app.Lifetime.ApplicationStopping);
// Configuration names the default practice once, while its record is still unnamed (issue 17 point 4).
if (app.Services.GetRequiredService<Practice>() is { Name: var practiceName } && practiceName != Practice.Unnamed)
    await app.Services.GetRequiredService<IRecordStore>().NameDefaultPracticeAsync(practiceName);
await SharedInstances.EnsureKeyRingAsync(app.Services);
await QuestionnaireCatalogSetup.LoadAndArchiveAsync(app.Services);
if (development && app.Configuration.GetValue<bool>("Demo:SeedAccounts"))
    await DemoAccounts.EnsureAndPrintAsync(app.Services, Console.Out);

app.UseReverseProxy(app.Configuration);
app.UseSecurityHeaders();
if (!development)
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/Error",
        // A draft over the size limit (one stored before the limit existed) is not the site failing: say so.
        // A database that cannot be reached (PostgreSQL down) is the service being unavailable, not a fault: 503.
        StatusCodeSelector = e => e switch
        {
            RecordTooLargeException => StatusCodes.Status413PayloadTooLarge,
            RecordStoreUnavailableException => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        },
    });
    app.UseHsts();
    // A load balancer probes the health endpoints over plain http: answer it there rather than redirect.
    app.UseWhen(context => !SharedInstances.IsHealthPath(context.Request.Path), https => https.UseHttpsRedirection());
}
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseStaticFiles();
app.UseNhsukAssets();
app.UseRouting();
// A URL that matches no page is a 404 for everyone; without this the sign-in fallback policy would send anonymous
// visitors to the sign-in page instead.
app.Use((context, next) =>
{
    if (context.GetEndpoint() is not null)
        return next(context);
    context.Response.StatusCode = StatusCodes.Status404NotFound;
    return Task.CompletedTask;
});
app.UseAuthentication();
app.UseSessionCheckFailures();
app.UseAuthorization();
app.UseMalformedFormRefusal();
app.MapRazorPages();
app.MapFhir();
app.MapHealthEndpoints();

await app.RunAsync();
return 0;
