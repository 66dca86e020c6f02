using AccountApi.Authentication;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.Authorization;

/// <summary>
/// The policy of per-user, per-tenancy endpoints, also the default and the fallback policy, so an endpoint that
/// forgets to declare authorization is protected rather than open.
/// </summary>
internal sealed class AccountPolicies(IOptions<AzureAdOptions> azureAd, TenancyPermission tenancies) : IConfigureOptions<AuthorizationOptions>
{
    public const string AccountReader = nameof(AccountReader);

    public void Configure(AuthorizationOptions options)
    {
        // No authentication scheme named: the policies read the user the authentication middleware set from the
        // default scheme (CachedBearerHandler), instead of authenticating the request a second time.
        // One requirement (an anonymous caller fails it too), so a request takes one pass through the handlers.
        var policy = new AuthorizationPolicyBuilder()
            .AddRequirements(new AccountCallerRequirement(azureAd.Value.RequiredScopes, tenancies))
            .Build();

        options.AddPolicy(AccountReader, policy);
        options.DefaultPolicy = policy;
        options.FallbackPolicy = policy;
    }
}
