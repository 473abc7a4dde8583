using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security.TwoFactor;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>Cookie sign-in with idle and absolute limits, password hashing, and the role policies.</summary>
internal static class AuthenticationSetup
{
    /// <summary>A session ends after this long without a request.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(20);

    /// <summary>A session ends this long after sign-in however busy it is, so a shared computer cannot stay signed in.</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(8);

    /// <summary>The short-lived scheme between a right password and a right code (clinicians and admins only):
    /// it proves the password was given, and nothing else; no page but the code page accepts it.</summary>
    public const string TwoFactorPendingScheme = "HistoryEngine.TwoFactorPending";

    /// <summary>How long a clinician has to type the code after the password.</summary>
    public static readonly TimeSpan TwoFactorPendingTimeout = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddSiteAuthentication(this IServiceCollection services, bool isDevelopment)
    {
        services.AddSingleton<IPasswordHasher<Person>, PasswordHasher<Person>>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = "HistoryEngine.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/Account/SignIn";
            options.LogoutPath = "/Account/SignOut";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Events.OnValidatePrincipal = RefuseEndedSessions;
        }).AddCookie(TwoFactorPendingScheme, options =>
        {
            options.Cookie.Name = "HistoryEngine.TwoFactorPending";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.Cookie.Path = "/Account";
            options.ExpireTimeSpan = TwoFactorPendingTimeout;
            options.SlidingExpiration = false;
            options.LoginPath = "/Account/SignIn";
        });
        // With a store several instances share, the limit's counts live in it (see SignInThrottle).
        services.AddSingleton(sp => new SignInThrottle(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Records.IRecordStore>() as Records.ISharedInstanceState));
        services.AddSingleton<EndedSessions>();
        services.AddSingleton<TotpCodes>();
        services.AddSingleton<IAuthorizationHandler, TwoFactorHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentRedirect>();

        services.AddSingleton<IAuthorizationHandler, ActiveProxyGrantHandler>();
        services.AddSingleton<SubjectAccess>();
        services.AddAuthorizationBuilder()
            // Everything needs a signed-in person unless a page opts out with [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Patient, p => p.RequireRole(nameof(Role.Patient)))
            // Clinicians and admins also need a second factor in this session; without one they are sent to enrol.
            .AddPolicy(Policies.Clinician, p => p.RequireRole(nameof(Role.Clinician)).AddRequirements(new TwoFactorRequirement()))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Role.Admin)).AddRequirements(new TwoFactorRequirement()))
            .AddPolicy(Policies.StaffEnrolment, p => p.RequireRole(nameof(Role.Clinician), nameof(Role.Admin)))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(new TwoFactorRequirement()))
            .AddPolicy(Policies.PatientOrCarer, p => p.RequireRole(nameof(Role.Patient), nameof(Role.Proxy)))
            .AddPolicy(Policies.Proxy, p => p.RequireAuthenticatedUser().AddRequirements(new ActiveProxyGrantRequirement()));

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "HistoryEngine.Antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return services;
    }

    private const string UncheckedSession = "HistoryEngine.UncheckedSession";

    /// <summary>After UseAuthentication: a request whose session could not be checked (the store unreachable) fails
    /// with that error (503), except while the error page itself is shown.</summary>
    public static IApplicationBuilder UseSessionCheckFailures(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Items[UncheckedSession] is ExceptionDispatchInfo failure && context.Features.Get<IExceptionHandlerFeature>() is null)
            failure.Throw();
        return next(context);
    });

    /// <summary>When a session signed in at <paramref name="signedInAt"/> ends however busy it is.</summary>
    public static DateTimeOffset AbsoluteLimit(DateTimeOffset signedInAt) => signedInAt + AbsoluteTimeout;

    /// <summary>Refuses a cookie past the absolute limit, without a session id, or of a session that signed out.</summary>
    private static async Task RefuseEndedSessions(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var signedInAt = context.Principal?.SignedInAt();
        var session = context.Principal?.SessionId();
        var expired = signedInAt is null || clock.GetUtcNow() > AbsoluteLimit(signedInAt.Value) || session is null;
        var ended = false;
        try
        {
            ended = !expired && await services.GetRequiredService<EndedSessions>().HasEndedAsync(session!, context.HttpContext.RequestAborted);
        }
        catch (Records.RecordStoreUnavailableException e)
        {
            // The store cannot say whether the session was ended, so the cookie is not accepted for this request, but
            // it is kept (the session is not signed out) for when the store is back. UseSessionCheckFailures then
            // fails the request with this exception: the 503 page, shown as to someone not signed in. (Throwing here
            // would fail the error page too: the framework keeps this check's outcome for the whole request.)
            context.RejectPrincipal();
            context.HttpContext.Items[UncheckedSession] = ExceptionDispatchInfo.Capture(e);
            return;
        }
        if (expired || ended)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
