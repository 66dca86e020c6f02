using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.TenancyAdmin;

internal static class TenancyAdminExtensions
{
    /// <summary>The admin API's policy and its generated JSON.</summary>
    public static IHostApplicationBuilder AddTenancyAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<AuthorizationOptions>, TenancyManagerPolicy>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, TenancyAdminJsonContext.Default));
        return builder;
    }
}
