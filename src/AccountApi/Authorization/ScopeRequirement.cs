using AccountApi.Authentication;
using AccountApi.Refusals;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

/// <summary>The token's <c>scp</c> must hold one of <paramref name="acceptedScopes"/> (case-sensitive, as Entra issues them).</summary>
internal sealed class ScopeRequirement(IReadOnlyCollection<string> acceptedScopes)
    : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyCollection<string> AcceptedScopes { get; } = acceptedScopes;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var satisfied = false;
        foreach (var scope in ValidatedCaller.Of(context.User).Scopes)
        {
            satisfied |= AcceptedScopes.Contains(scope);
        }

        context.Decide(requirement, satisfied, RefusalReasons.InsufficientScope);
        return Task.CompletedTask;
    }
}
