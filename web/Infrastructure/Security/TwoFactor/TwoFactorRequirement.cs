using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace HistoryEngine.Web.Infrastructure.Security.TwoFactor;

/// <summary>Met by a session that passed a second factor at sign-in. Part of the clinician and admin policies.</summary>
public sealed class TwoFactorRequirement : IAuthorizationRequirement
{
    /// <summary>The claim a sign-in with a second factor carries.</summary>
    public const string Claim = "he:mfa";

    /// <summary>Clinicians and admins see many patients' data, so a stolen password alone must not be enough.</summary>
    public static bool IsRequiredFor(Role role) => role is Role.Clinician or Role.Admin;

    /// <summary>Where a clinician or admin without a second factor is sent.</summary>
    public const string EnrolPath = "/Account/Enrol";
}

internal sealed class TwoFactorHandler : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        // Only staff need a second factor: a patient or carer meets this requirement (the role checks beside it in
        // the staff policies still keep them out), so one policy can serve endpoints that both may use.
        var staff = context.User.IsInRole(nameof(Records.Model.Role.Clinician)) || context.User.IsInRole(nameof(Records.Model.Role.Admin));
        if (!staff || context.User.HasClaim(c => c.Type == TwoFactorRequirement.Claim))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A clinician or admin refused only because their session has no second factor goes to enrol, instead of the
/// access-denied page. Any other refusal (a patient asking for a clinician page, say) is handled as usual.
/// </summary>
internal sealed class TwoFactorEnrolmentRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _usual = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() is { Count: > 0 } failed
            && failed.All(r => r is TwoFactorRequirement))
        {
            context.Response.Redirect(TwoFactorRequirement.EnrolPath);
            return Task.CompletedTask;
        }
        return _usual.HandleAsync(next, context, policy, authorizeResult);
    }
}
