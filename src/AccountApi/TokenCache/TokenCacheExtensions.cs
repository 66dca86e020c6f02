using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // Transient: the handler provider takes it from the container (a compiled factory) and keeps it for the request.
        services.AddTransient<CachedBearerHandler>();
        services.AddAuthentication(options =>
        {
            options.DefaultScheme = CachedBearerHandler.SchemeName;
            options.AddScheme<CachedBearerHandler>(CachedBearerHandler.SchemeName, displayName: null);
        });
        // The framework's service stays what every request but a hit goes through (one per request, as it registers it).
        services.AddScoped<AuthenticationService>();
        services.RemoveAll<IAuthenticationService>();
        services.AddSingleton<IAuthenticationService, CachedTokenAuthenticationService>();
        return builder;
    }

    /// <summary>
    /// Authentication, in place of <c>UseAuthentication</c>: the framework's middleware, with the cache's hits recorded
    /// in front of it (<see cref="CachedTokenAuthenticationMiddleware"/>).
    /// </summary>
    public static IApplicationBuilder UseCachedTokenAuthentication(this IApplicationBuilder app)
    {
        // The mark UseAuthentication leaves, which WebApplication reads before adding the framework's middleware itself
        // at the start of the pipeline (where it would authenticate every request a second time). A test pins it.
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseMiddleware<CachedTokenAuthenticationMiddleware>();
    }

    internal const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
}
