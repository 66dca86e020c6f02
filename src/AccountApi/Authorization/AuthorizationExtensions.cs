using AccountApi.Refusals;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace AccountApi.Authorization;

internal static class AuthorizationExtensions
{
    /// <summary>The account policy (also the fallback) and the handler that turns every refusal into a 403 problem.</summary>
    public static IHostApplicationBuilder AddAccountAuthorization(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthorization();
        // Microsoft.Identity.Web registers what its [RequiredScope] attributes need: two handlers the framework asks on
        // every authorization, and post-configurations that add their requirements to the default policy. The service
        // checks scopes in its own requirement and uses none of them, so they go: the policies are as written here, and
        // a requirement of theirs added later would find no handler and fail (closed, not open).
        var identityWeb = typeof(MicrosoftIdentityWebApiAuthenticationBuilderExtensions).Assembly;
        foreach (var descriptor in services.Where(descriptor => descriptor.ImplementationType?.Assembly == identityWeb
            && (descriptor.ServiceType == typeof(IAuthorizationHandler) || descriptor.ServiceType == typeof(IPostConfigureOptions<AuthorizationOptions>))).ToList())
        {
            services.Remove(descriptor);
        }

        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, AccountPolicies>();
        services.AddSingleton<TenancyPermission>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalResultHandler>();
        // Grants of the account policy decided by its requirement; everything else by the framework's evaluator, kept
        // as it registers it (one per use).
        services.AddTransient<PolicyEvaluator>();
        services.RemoveAll<IPolicyEvaluator>();
        services.AddSingleton<IPolicyEvaluator, AccountPolicyEvaluator>();
        return builder;
    }
}
