using AccountApi.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace AccountApi.OpenApi;

internal static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddAccountOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenApiOptions>().BindConfiguration(OpenApiOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OpenApiOptions>, OpenApiOptionsValidator>();
        if (!OpenApiFeature.IsSupported)
        {
            return builder;
        }

        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "AccountApi",
                Version = "v1",
                Description = "The signed-in user's account, per tenancy. Every refusal is a 403 problem document.",
            });
            options.AddSecurityDefinition(ProtectedOperationFilter.BearerSchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An Entra ID access token for this API, with the configured delegated scope.",
            });
            options.OperationFilter<ProtectedOperationFilter>();
        });

        // Swagger UI signs in with the authorization code flow + PKCE against the configured authority (Entra ID, or
        // the embedded development identity provider), so its "Try it out" sends real tokens.
        builder.Services.AddOptions<SwaggerGenOptions>().Configure<IOptions<AzureAdOptions>>((options, azureAd) =>
        {
            var authority = $"{azureAd.Value.NormalizedInstance}{azureAd.Value.TenantId}/oauth2/v2.0";
            options.AddSecurityDefinition(ProtectedOperationFilter.OAuth2SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Sign in with Entra ID (authorization code flow with PKCE).",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri($"{authority}/authorize"),
                        TokenUrl = new Uri($"{authority}/token"),
                        Scopes = azureAd.Value.FullyQualifiedScopes.ToDictionary(scope => scope, scope => $"Delegated scope {scope}"),
                    },
                },
            });
        });
        return builder;
    }

    /// <summary>
    /// Swagger UI at <c>/swagger</c>, when enabled. It is public: call this before authentication, so that the UI
    /// middleware answers before the fallback policy would refuse it.
    /// </summary>
    public static WebApplication UseAccountSwaggerUi(this WebApplication app)
    {
        if (IsEnabled(app))
        {
            var clientId = app.Services.GetRequiredService<IOptions<OpenApiOptions>>().Value.ClientId;
            var scopes = app.Services.GetRequiredService<IOptions<AzureAdOptions>>().Value.FullyQualifiedScopes;
            app.UseSwaggerUI(options =>
            {
                options.OAuthClientId(clientId);
                options.OAuthUsePkce();
                options.OAuthScopes(scopes);
            });
        }

        return app;
    }

    /// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c>, when enabled; public.</summary>
    public static WebApplication MapAccountOpenApi(this WebApplication app)
    {
        if (IsEnabled(app))
        {
            app.MapSwagger().AllowAnonymous();
        }

        return app;
    }

    // Checked first, as a constant, so that the native compiler removes the Swashbuckle calls it guards.
    private static bool IsEnabled(WebApplication app) =>
        OpenApiFeature.IsSupported
        && (app.Services.GetRequiredService<IOptions<OpenApiOptions>>().Value.Enabled ?? app.Environment.IsDevelopment());
}
