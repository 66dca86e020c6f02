using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

/// <summary>The request's tenancy must have been resolved by <see cref="TenancyResolutionMiddleware"/>.</summary>
internal sealed class TenancyRequirement : AuthorizationHandler<TenancyRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenancyRequirement requirement)
    {
        var tenancy = (context.Resource as HttpContext)?.RequestServices.GetService<TenancyContext>();
        var reason = tenancy?.Resolution switch
        {
            TenancyResolution.Missing => RefusalReasons.MissingTenant,
            TenancyResolution.Invalid => RefusalReasons.InvalidTenant,
            _ => RefusalReasons.TenantNotPermitted,
        };
        context.Decide(requirement, tenancy?.IsResolved == true, reason);
        return Task.CompletedTask;
    }
}
