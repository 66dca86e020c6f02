using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AccountApi.TokenCache;

internal static class TokenCacheExtensions
{
    /// <summary>
    /// The <see cref="CachedBearerHandler"/> scheme in front of JwtBearer, as the default scheme: it serves tokens the
    /// full pipeline already accepted and hands every other request to JwtBearer. Its cache is configured from the
    /// <c>TokenCache</c> section. Challenges and forbids are JwtBearer's (RefusalResultHandler answers refusals itself).
    /// </summary>
    public static IHostApplicationBuilder AddValidatedTokenCache(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TokenCacheOptions>()
            .BindConfiguration(TokenCacheOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenCacheOptions>, TokenCacheOptionsValidator>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddAuthentication(CachedBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CachedBearerHandler>(CachedBearerHandler.SchemeName, options =>
            {
                options.ForwardChallenge = JwtBearerDefaults.AuthenticationScheme;
                options.ForwardForbid = JwtBearerDefaults.AuthenticationScheme;
            });
        return builder;
    }
}
