using AccountApi.Tenancy;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AccountApi.Cors;

internal static class CorsExtensions
{
    // Long enough to spare a browser app a preflight per call, short enough for a removed origin to stop working soon.
    private static readonly TimeSpan s_preflightMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The default CORS policy from <c>Cors:AllowedOrigins</c>: the request headers the API reads, the methods it
    /// serves, and <c>WWW-Authenticate</c> and <c>Retry-After</c> exposed so that a page can read why it was refused and
    /// when to retry. No credentials: the API reads bearer tokens, never cookies.
    /// </summary>
    public static IHostApplicationBuilder AddAccountCors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CrossOriginOptions>().BindConfiguration(CrossOriginOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CrossOriginOptions>, CrossOriginOptionsValidator>();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, crossOrigin) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. crossOrigin.Value.AllowedOrigins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders(HeaderNames.Authorization, TenancyHeaders.TenantId)
                .WithExposedHeaders(HeaderNames.WWWAuthenticate, HeaderNames.RetryAfter)
                .SetPreflightMaxAge(s_preflightMaxAge)));
        return builder;
    }

    /// <summary>
    /// The framework's CORS middleware, for the requests it acts on: those with an <c>Origin</c> header (every
    /// cross-origin request and preflight a browser sends), and any to an endpoint with CORS metadata of its own.
    /// </summary>
    /// <remarks>
    /// Without either, the framework's middleware only passes the request on, after resolving its policy provider from
    /// the request's services and marking the request's items for endpoint routing's check of CORS metadata, which
    /// such an endpoint does not have.
    /// </remarks>
    public static IApplicationBuilder UseAccountCors(this IApplicationBuilder app) => app.UseWhen(ActsOn, static cors => cors.UseCors());

    internal static bool ActsOn(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderNames.Origin) || context.GetEndpoint()?.Metadata.GetMetadata<ICorsMetadata>() is not null;
}
