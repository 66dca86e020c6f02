using System.Security.Claims;
using AccountApi.Authentication;
using AccountApi.Refusals;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

/// <summary>
/// The account policy's one requirement, decided in one pass: a signed-in user's token (not an application's) that
/// grants one of <paramref name="acceptedScopes"/> (<c>scp</c>, case-sensitive, as Entra issues them) — facts of the
/// token, read once per token (<see cref="ValidatedCaller"/>) — and permitted to use the tenancy it names
/// (<see cref="TenancyPermission"/>). The first check that fails gives the refusal, in <see cref="RefusalReasons.InPriorityOrder"/>.
/// </summary>
internal sealed class AccountCallerRequirement(IReadOnlyCollection<string> acceptedScopes, TenancyPermission tenancies)
    : AuthorizationHandler<AccountCallerRequirement>, IAuthorizationRequirement
{
    public IReadOnlyCollection<string> AcceptedScopes { get; } = acceptedScopes;

    /// <summary>
    /// Whether <paramref name="user"/> meets the requirement for <paramref name="resource"/> (the request's tenancy is
    /// then marked permitted), asking what <see cref="HandleRequirementAsync"/> asks. Nothing is logged: a refusal is
    /// for the framework to reach again through the handler, which says why (<see cref="AccountPolicyEvaluator"/>).
    /// </summary>
    internal bool Permits(ClaimsPrincipal user, object? resource) =>
        user.Identity?.IsAuthenticated == true && Refusal(ValidatedCaller.Of(user), resource, logRefusal: false) is null;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccountCallerRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            // Challenged: the authentication result says why (RefusalResultHandler), and tenancies are not looked at.
            context.Fail();
            return Task.CompletedTask;
        }

        if (Refusal(ValidatedCaller.Of(context.User), context.Resource, logRefusal: true) is { } refusal)
        {
            context.Fail(refusal);
        }
        else
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private AuthorizationFailureReason? Refusal(ValidatedCaller caller, object? resource, bool logRefusal) =>
        !caller.IsDelegated ? new AuthorizationFailureReason(this, RefusalReasons.UserTokenRequired)
        : !caller.GrantsAnyOf(AcceptedScopes) ? new AuthorizationFailureReason(this, RefusalReasons.InsufficientScope)
        : tenancies.Decide(resource, caller, this, logRefusal);
}
