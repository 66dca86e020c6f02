using AccountApi.Authentication;
using AccountApi.Refusals;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

/// <summary>The caller must be a signed-in user, not an application acting on its own (client credentials).</summary>
internal sealed class UserTokenRequirement : AuthorizationHandler<UserTokenRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UserTokenRequirement requirement)
    {
        var user = context.User;
        context.Decide(requirement, user.Identity?.IsAuthenticated == true && ValidatedCaller.Of(user).IsDelegated, RefusalReasons.UserTokenRequired);
        return Task.CompletedTask;
    }

}
