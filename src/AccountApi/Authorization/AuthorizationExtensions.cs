using AccountApi.Refusals;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.Authorization;

internal static class AuthorizationExtensions
{
    /// <summary>The account policy (also the fallback) and the handler that turns every refusal into a 403 problem.</summary>
    public static IHostApplicationBuilder AddAccountAuthorization(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, AccountPolicies>();
        services.AddSingleton<TenancyPermission>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalResultHandler>();
        return builder;
    }
}
