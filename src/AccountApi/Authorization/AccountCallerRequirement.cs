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

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccountCallerRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            // Challenged: the authentication result says why (RefusalResultHandler), and tenancies are not looked at.
            context.Fail();
            return Task.CompletedTask;
        }

        var caller = ValidatedCaller.Of(context.User);
        var refusal = !caller.IsDelegated ? new AuthorizationFailureReason(this, RefusalReasons.UserTokenRequired)
            : !caller.GrantsAnyOf(AcceptedScopes) ? new AuthorizationFailureReason(this, RefusalReasons.InsufficientScope)
            : tenancies.Decide(context.Resource, caller, this);
        if (refusal is null)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(refusal);
        }

        return Task.CompletedTask;
    }
}
