using AccountApi.Authentication;
using AccountApi.Refusals;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Tenancy;

/// <summary>
/// The one place a tenancy is permitted or refused, for the account policy's requirement. Unknown, suspended and
/// foreign tenancies are refused with the same reason (no enumeration); the log says which it was.
/// </summary>
internal sealed class TenancyPermission(ILogger<TenancyPermission> logger)
{
    /// <summary>
    /// Null when <paramref name="caller"/> may use the request's tenancy (then marked permitted), else why not, logged
    /// when <paramref name="logRefusal"/> (a decision asked again by the framework is not logged twice).
    /// </summary>
    public AuthorizationFailureReason? Decide(object? resource, ValidatedCaller caller, IAuthorizationHandler handler, bool logRefusal = true)
    {
        if (resource is not HttpContext http)
        {
            // Fail closed: only HTTP requests carry a tenancy.
            return new AuthorizationFailureReason(handler, RefusalReasons.TenantNotPermitted);
        }

        if (http.GetEndpoint()?.Metadata.GetMetadata<WithoutTenancyAttribute>() is not null)
        {
            return null;
        }

        var tenancy = TenancyContext.Of(http);
        var refusal = tenancy.Resolution switch
        {
            TenancyResolution.Missing => RefusalReasons.MissingTenant,
            TenancyResolution.Invalid => RefusalReasons.InvalidTenant,
            // No authenticated caller: the token requirements refuse first, and tenancies are not looked at.
            TenancyResolution.NotEvaluated => RefusalReasons.TenantNotPermitted,
            _ => Permission(tenancy, caller, logRefusal),
        };

        if (refusal is not null)
        {
            return new AuthorizationFailureReason(handler, refusal);
        }

        if (SignInPolicy(tenancy, caller, handler, logRefusal) is { } failure)
        {
            return failure;
        }

        tenancy.Permit();
        return null;
    }

    // What the tenancy asks beyond the API, once it admits the caller's directory (so nothing here tells a stranger
    // anything): every required app role, then every authentication context, the first missing one challenged for.
    private AuthorizationFailureReason? SignInPolicy(TenancyContext tenancy, ValidatedCaller caller, IAuthorizationHandler handler, bool log)
    {
        var found = tenancy.Tenancy!;
        if (FirstMissing(found.RequiredRoles, caller.Roles) is { } role)
        {
            if (log)
            {
                TenancyLog.PolicyNotMet(logger, found.Name, "app role", role);
            }

            return new AuthorizationFailureReason(handler, RefusalReasons.TenancyRoleRequired);
        }

        if (FirstMissing(found.RequiredAuthenticationContexts, caller.AuthenticationContexts) is { } missing)
        {
            if (log)
            {
                TenancyLog.PolicyNotMet(logger, found.Name, "authentication context (challenged to step up)", missing);
            }

            return new ClaimsChallengeFailure(handler, ClaimsChallengeFailure.ForAuthenticationContext(missing));
        }

        return null;
    }

    // A loop rather than a lambda: asked on every permitted request, where a closure would be allocated each time.
    private static string? FirstMissing(IReadOnlyList<string> required, IReadOnlyList<string> held)
    {
        foreach (var value in required)
        {
            if (!held.Contains(value))
            {
                return value;
            }
        }

        return null;
    }

    private string? Permission(TenancyContext tenancy, ValidatedCaller caller, bool log)
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

        if (log)
        {
            TenancyLog.NotPermitted(logger, tenancy.RequestedName ?? "(none)", detail);
        }

        return RefusalReasons.TenantNotPermitted;
    }
}
