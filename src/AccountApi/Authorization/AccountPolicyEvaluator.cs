using AccountApi.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AccountApi.Authorization;

/// <summary>
/// The application's <see cref="IPolicyEvaluator"/>: the framework's own (<see cref="PolicyEvaluator"/> and its
/// authorization service) for every decision but a grant of the account policy. An authenticated request that meets a
/// policy made of <see cref="AccountCallerRequirement"/> alone is granted here, by that requirement, without the
/// authorization service, handler context and evaluator the framework builds per request to ask it the same question.
/// </summary>
/// <remarks>
/// Nothing is refused here. A refusal, any other policy, and every request while the framework would ask anyone else
/// (another <see cref="IAuthorizationHandler"/>, or a service of the authorization pipeline replaced) go to the
/// framework, so reasons, logs and challenges stay the framework's; a request refused here is asked again there.
/// </remarks>
internal sealed class AccountPolicyEvaluator : IPolicyEvaluator
{
    private static readonly Task<PolicyAuthorizationResult> Granted = Task.FromResult(PolicyAuthorizationResult.Success());

    private readonly bool _grantsAccountPolicy;

    public AccountPolicyEvaluator(IServiceScopeFactory scopes)
    {
        // The framework asks each registered handler about each requirement; while its pass-through handler (which asks
        // the requirement itself) is the only one, and its services decide as documented, the requirement's answer is
        // the framework's answer.
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        _grantsAccountPolicy = services.GetServices<IAuthorizationHandler>().All(handler => handler is PassThroughAuthorizationHandler)
            && services.GetRequiredService<IAuthorizationService>() is DefaultAuthorizationService
            && services.GetRequiredService<IAuthorizationHandlerProvider>() is DefaultAuthorizationHandlerProvider
            && services.GetRequiredService<IAuthorizationEvaluator>() is DefaultAuthorizationEvaluator
            && services.GetRequiredService<IAuthorizationHandlerContextFactory>() is DefaultAuthorizationHandlerContextFactory;
    }

    /// <summary>Whether grants of the account policy are decided here (false: everything is the framework's).</summary>
    public bool GrantsAccountPolicy => _grantsAccountPolicy;

    // As the framework's: a policy that names no scheme reads the result the authentication middleware recorded.
    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context) =>
        _grantsAccountPolicy
            && policy.AuthenticationSchemes.Count == 0 && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { } recorded
            ? (recorded as SharedAuthenticateResult)?.AsTask ?? Task.FromResult(recorded)
            : Framework(context).AuthenticateAsync(policy, context);

    public Task<PolicyAuthorizationResult> AuthorizeAsync(
        AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource) =>
        _grantsAccountPolicy
            && authenticationResult.Succeeded
            && policy.Requirements is [AccountCallerRequirement account]
            && account.Permits(context.User, resource)
            ? Granted
            : Framework(context).AuthorizeAsync(policy, authenticationResult, context, resource);

    private static PolicyEvaluator Framework(HttpContext context) => context.RequestServices.GetRequiredService<PolicyEvaluator>();
}
