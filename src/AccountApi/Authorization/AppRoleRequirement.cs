using AccountApi.Authentication;
using AccountApi.Refusals;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

/// <summary>
/// The caller must be an application acting on its own (an app-only token) that was granted the app role
/// <paramref name="role"/>. A user's token is refused even if it carries the role: operator routes are for daemons.
/// </summary>
internal sealed class AppRoleRequirement(string role) : AuthorizationHandler<AppRoleRequirement>, IAuthorizationRequirement
{
    public string Role { get; } = role;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AppRoleRequirement requirement)
    {
        var user = context.User;
        var satisfied = user.Identity?.IsAuthenticated == true && ValidatedCaller.Of(user) is { IsAppOnly: true } caller && caller.Roles.Contains(Role);
        context.Decide(requirement, satisfied, RefusalReasons.RoleRequired);
        return Task.CompletedTask;
    }
}
