using AccountApi.Authentication;
using AccountApi.Revocation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.Authorization;

/// <summary>
/// An operator acts in its own directory (the route's <c>{tid}</c> is its token's <c>tid</c>), or in any directory when
/// its directory is one of <see cref="RevocationOptions.OperatorDirectories"/>. In a multi-tenant API any customer can
/// grant its own daemon an app role, so the role alone must not reach other customers' users.
/// </summary>
internal sealed class OperatorDirectoryRequirement(IOptions<RevocationOptions> options)
    : AuthorizationHandler<OperatorDirectoryRequirement>, IAuthorizationRequirement
{
    public const string RouteValue = "tid";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorDirectoryRequirement requirement)
    {
        // A route tid that is not a GUID names no directory: the endpoint answers 400 and revokes nothing.
        var satisfied = context.Resource is HttpContext http
            && ValidatedCaller.Of(context.User).Directory is { } own
            && (!Guid.TryParse(http.GetRouteValue(RouteValue) as string, out var target)
                || own == target
                || options.Value.OperatorDirectories.Contains(own));
        context.Decide(requirement, satisfied, RefusalReasons.TenantNotPermitted);
        return Task.CompletedTask;
    }
}
