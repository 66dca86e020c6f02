using AccountApi.Authorization;
using AccountApi.Entra;
using AccountApi.Refusals;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.TenancyAdmin;

/// <summary>
/// The policy of the tenancy admin API: an app-only token with the app role <see cref="Role"/>, from one of
/// <c>Revocation:OperatorDirectories</c> (the platform's own directories). A customer's directory may hold the role
/// for its own daemon, since any directory can grant an app role of a multi-tenant API; the registry is the platform's.
/// </summary>
internal sealed class TenancyManagerPolicy(AdmittedDirectories directories) : IConfigureOptions<AuthorizationOptions>
{
    public const string Name = "TenancyManager";

    /// <summary>The app role an operator's application needs to manage tenancies.</summary>
    public const string Role = "Tenancies.Manage";

    public void Configure(AuthorizationOptions options) =>
        options.AddPolicy(Name, new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new AppRoleRequirement(Role), new PlatformDirectoryRequirement(directories))
            .Build());

    /// <summary>The caller's directory is one of the platform's operator directories.</summary>
    private sealed class PlatformDirectoryRequirement(AdmittedDirectories directories)
        : AuthorizationHandler<PlatformDirectoryRequirement>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformDirectoryRequirement requirement)
        {
            var satisfied = Guid.TryParse(context.User.FindFirst(EntraClaimNames.DirectoryId)?.Value, out var own) && directories.IsOperatorDirectory(own);
            context.Decide(requirement, satisfied, RefusalReasons.TenantNotPermitted);
            return Task.CompletedTask;
        }
    }
}
