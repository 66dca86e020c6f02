using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.Authorization;

internal static class AuthorizationExtensions
{
    /// <summary>The account policy (also the fallback) and the handler that turns every refusal into a 403 problem.</summary>
    public static IHostApplicationBuilder AddAccountAuthorization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<IConfigureOptions<AuthorizationOptions>, AccountPolicies>();
        builder.Services.AddSingleton<IAuthorizationHandler, TenancyPermissionHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalResultHandler>();
        return builder;
    }
}
