using AccountApi.Entra;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

/// <summary>The caller must be a signed-in user, not an application acting on its own (client credentials).</summary>
internal sealed class UserTokenRequirement : AuthorizationHandler<UserTokenRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UserTokenRequirement requirement)
    {
        var user = context.User;
        // Entra marks app-only tokens with idtyp=app when that optional claim is on; without it they still carry no scp.
        var isAppOnly = user.HasClaim(EntraClaimNames.IdentityType, "app") || !user.HasClaim(c => c.Type == EntraClaimNames.Scope);
        context.Decide(requirement, user.Identity?.IsAuthenticated == true && !isAppOnly, RefusalReasons.UserTokenRequired);
        return Task.CompletedTask;
    }
}
