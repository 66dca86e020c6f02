using AccountApi.Authentication;
using AccountApi.Refusals;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Tenancy;

/// <summary>
/// The one place a tenancy is permitted or refused. Unknown, suspended and foreign tenancies are refused with the
/// same reason (no enumeration); the log says which it was.
/// </summary>
internal sealed class TenancyPermissionHandler(ILogger<TenancyPermissionHandler> logger) : AuthorizationHandler<TenancyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenancyRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            // Fail closed: only HTTP requests carry a tenancy.
            context.Fail(new AuthorizationFailureReason(this, RefusalReasons.TenantNotPermitted));
            return Task.CompletedTask;
        }

        if (http.GetEndpoint()?.Metadata.GetMetadata<WithoutTenancyAttribute>() is not null)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var tenancy = TenancyContext.Of(http);
        var caller = ValidatedCaller.Of(context.User);
        var refusal = tenancy.Resolution switch
        {
            TenancyResolution.Missing => RefusalReasons.MissingTenant,
            TenancyResolution.Invalid => RefusalReasons.InvalidTenant,
            // No authenticated caller: the token requirements refuse first, and tenancies are not looked at.
            TenancyResolution.NotEvaluated => RefusalReasons.TenantNotPermitted,
            _ => Permission(tenancy, caller),
        };

        if (refusal is not null)
        {
            context.Fail(new AuthorizationFailureReason(this, refusal));
        }
        else if (SignInPolicy(tenancy, caller) is { } failure)
        {
            context.Fail(failure);
        }
        else
        {
            tenancy.Permit();
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    // What the tenancy asks beyond the API, once it admits the caller's directory (so nothing here tells a stranger
    // anything): every required app role, then every authentication context, the first missing one challenged for.
    private AuthorizationFailureReason? SignInPolicy(TenancyContext tenancy, ValidatedCaller caller)
    {
        var found = tenancy.Tenancy!;
        if (found.RequiredRoles.FirstOrDefault(role => !caller.Roles.Contains(role)) is { } role)
        {
            TenancyLog.PolicyNotMet(logger, found.Name, "app role", role);
            return new AuthorizationFailureReason(this, RefusalReasons.TenancyRoleRequired);
        }

        if (found.RequiredAuthenticationContexts.FirstOrDefault(context => !caller.AuthenticationContexts.Contains(context)) is { } missing)
        {
            TenancyLog.PolicyNotMet(logger, found.Name, "authentication context (challenged to step up)", missing);
            return new ClaimsChallengeFailure(this, ClaimsChallengeFailure.ForAuthenticationContext(missing));
        }

        return null;
    }

    private string? Permission(TenancyContext tenancy, ValidatedCaller caller)
    {
        var detail = tenancy.Tenancy switch
        {
            null => "unknown tenancy",
            { Suspended: true } => "suspended tenancy",
            { } found when caller.Directory is not { } directoryId || !found.Admits(directoryId) => $"directory {caller.DirectoryId} is not admitted",
            _ => null,
        };
        if (detail is null)
        {
            return null;
        }

        TenancyLog.NotPermitted(logger, tenancy.RequestedName ?? "(none)", detail);
        return RefusalReasons.TenantNotPermitted;
    }
}
