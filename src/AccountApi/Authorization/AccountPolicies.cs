using AccountApi.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.Authorization;

/// <summary>
/// The policy of per-user, per-tenancy endpoints. It is also the default and the fallback policy, so an endpoint that
/// forgets to declare authorization is protected rather than open.
/// </summary>
internal sealed class AccountPolicies(IOptions<AzureAdOptions> azureAd) : IConfigureOptions<AuthorizationOptions>
{
    public const string AccountReader = nameof(AccountReader);

    public void Configure(AuthorizationOptions options)
    {
        var policy = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(
                new UserTokenRequirement(),
                new ScopeRequirement(azureAd.Value.RequiredScopes),
                new TenancyRequirement())
            .Build();

        options.AddPolicy(AccountReader, policy);
        options.DefaultPolicy = policy;
        options.FallbackPolicy = policy;
    }
}
