using AccountApi.Authorization;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace AccountApi.Tests.Authorization;

/// <summary>
/// The account policy is the default and the fallback as written, one requirement, and the handlers the framework asks
/// on every authorization are the service's own: Microsoft.Identity.Web's [RequiredScope] handlers, which the service
/// does not use, would otherwise be asked about every request and its post-configuration would add their requirements
/// to the default policy.
/// </summary>
public sealed class AccountPolicyTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    [Fact]
    public void DefaultAndFallbackPolicies_AreTheAccountPolicyAlone()
    {
        var options = factory.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;

        var reader = options.GetPolicy(AccountPolicies.AccountReader)!;
        Assert.IsType<AccountCallerRequirement>(Assert.Single(reader.Requirements));
        Assert.Same(reader, options.DefaultPolicy);
        Assert.Same(reader, options.FallbackPolicy);
    }

    [Fact]
    public void NoAuthorizationHandlerOfIdentityWeb_IsAskedAboutRequests()
    {
        var identityWeb = typeof(MicrosoftIdentityWebApiAuthenticationBuilderExtensions).Assembly;

        var handlers = factory.Services.GetServices<IAuthorizationHandler>().ToList();

        Assert.NotEmpty(handlers);
        Assert.DoesNotContain(handlers, handler => handler.GetType().Assembly == identityWeb);
    }
}
