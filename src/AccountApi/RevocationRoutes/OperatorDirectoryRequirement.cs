using AccountApi.Authorization;
using AccountApi.Entra;
using AccountApi.Refusals;
using AccountApi.Revocation;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.RevocationRoutes;

/// <summary>
/// An operator's directory must be one this service serves (<see cref="AdmittedDirectories"/>), and it acts in its own
/// directory (the route's <c>{tid}</c> is its token's <c>tid</c>), or in any directory when its directory is one of
/// <see cref="RevocationOptions.OperatorDirectories"/>. In a multi-tenant API any directory can grant its own daemon an
/// app role, so the role alone must reach neither other customers' users nor the service's shared state.
/// </summary>
internal sealed class OperatorDirectoryRequirement(AdmittedDirectories directories)
    : AuthorizationHandler<OperatorDirectoryRequirement>, IAuthorizationRequirement
{
    public const string RouteValue = "tid";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorDirectoryRequirement requirement)
    {
        // A route tid that is not a GUID names no directory: the endpoint answers 400 and revokes nothing.
        var satisfied = context.Resource is HttpContext http
            && Guid.TryParse(context.User.FindFirst(EntraClaimNames.DirectoryId)?.Value, out var own)
            && await directories.AdmitsAsync(own)
            && (!Guid.TryParse(http.GetRouteValue(RouteValue) as string, out var target)
                || own == target
                || directories.IsOperatorDirectory(own));
        context.Decide(requirement, satisfied, RefusalReasons.TenantNotPermitted);
    }
}
