using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AccountApi.TokenCache;

internal static class TokenCacheExtensions
{
    /// <summary>
    /// The <see cref="CachedBearerHandler"/> scheme in front of JwtBearer, with its cache configured from the
    /// <c>TokenCache</c> section. Challenges and forbids are JwtBearer's (RefusalResultHandler answers refusals itself).
    /// </summary>
    public static AuthenticationBuilder AddCachedBearer(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddOptions<TokenCacheOptions>()
            .BindConfiguration(TokenCacheOptions.SectionName)
            .ValidateOnStart();
        authentication.Services.AddSingleton<IValidateOptions<TokenCacheOptions>, TokenCacheOptionsValidator>();
        authentication.Services.AddSingleton<ValidatedTokenCache>();
        return authentication.AddScheme<AuthenticationSchemeOptions, CachedBearerHandler>(CachedBearerHandler.SchemeName, options =>
        {
            options.ForwardChallenge = JwtBearerDefaults.AuthenticationScheme;
            options.ForwardForbid = JwtBearerDefaults.AuthenticationScheme;
        });
    }
}
