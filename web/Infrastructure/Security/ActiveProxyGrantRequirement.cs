using HistoryEngine.Web.Infrastructure.Records;
using Microsoft.AspNetCore.Authorization;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>Met by a signed-in person who holds at least one proxy grant that has not been revoked.</summary>
public sealed class ActiveProxyGrantRequirement : IAuthorizationRequirement;

/// <summary>Checks the store on every request, so revoking a grant takes effect at once, not at the next sign-in.</summary>
internal sealed class ActiveProxyGrantHandler(IRecordStore store) : AuthorizationHandler<ActiveProxyGrantRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context,
        ActiveProxyGrantRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
            return;
        var grants = await store.ListActiveProxyGrantsForCarerAsync(context.User.PersonId());
        if (grants.Count > 0)
            context.Succeed(requirement);
    }
}
