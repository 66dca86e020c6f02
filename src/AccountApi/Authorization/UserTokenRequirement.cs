using System.Security.Claims;
using AccountApi.Entra;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

/// <summary>The caller must be a signed-in user, not an application acting on its own (client credentials).</summary>
internal sealed class UserTokenRequirement : AuthorizationHandler<UserTokenRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UserTokenRequirement requirement)
    {
        var user = context.User;
        context.Decide(requirement, user.Identity?.IsAuthenticated == true && !IsAppOnly(user), RefusalReasons.UserTokenRequired);
        return Task.CompletedTask;
    }

    /// <summary>An application's own token (client credentials), not a user's.</summary>
    // Entra marks app-only tokens with idtyp=app when that optional claim is on; without it they still carry no scp.
    internal static bool IsAppOnly(ClaimsPrincipal user) =>
        user.HasClaim(EntraClaimNames.IdentityType, "app") || !user.HasClaim(c => c.Type == EntraClaimNames.Scope);
}
