using AccountApi.Accounts;
using AccountApi.Authentication;
using AccountApi.Authorization;
using AccountApi.Cors;
using AccountApi.Health;
using AccountApi.Logging;
using AccountApi.OpenApi;
using AccountApi.Proxies;
using AccountApi.RateLimiting;
using AccountApi.ResponseHeaders;
using AccountApi.Revocation;
using AccountApi.RevocationRoutes;
using AccountApi.Telemetry;
using AccountApi.Tenancy;
using AccountApi.TenancyAdmin;
using AccountApi.TenancyRegistry;
using AccountApi.TokenCache;

namespace AccountApi;

/// <summary>
/// The service's table of contents: what <c>Program.cs</c> runs, and what a host that composes the service with
/// other parts (the development host) calls instead of copying it.
/// </summary>
public static class AccountApiExtensions
{
    /// <summary>Registers the service's parts, each configured from its own section and validated at start.</summary>
    public static WebApplicationBuilder AddAccountApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Entra ID bearer tokens (Microsoft.Identity.Web + JwtBearer), validated from the AzureAd section, behind a cache
        // of the tokens that pipeline accepted.
        builder.AddEntraIdAuthentication();
        builder.AddValidatedTokenCache();
        // Revoked tokens and subject cut-offs, checked on every request; shared through Redis when Revocation:Redis is set.
        builder.AddTokenRevocation();
        builder.AddRevocationRoutes();
        // Tenancies from the registry (SQLite by default; the Tenancies section seeds an empty one), copied into memory
        // and kept in step, resolved per request from X-Tenant-ID; managed through the admin API.
        builder.AddTenancy();
        builder.AddTenancyRegistry();
        builder.AddTenancyAdmin();
        // The account policy; every refusal becomes a 403 problem document with a reason.
        builder.AddAccountAuthorization();
        // Browser apps on the origins in Cors:AllowedOrigins may call the API.
        builder.AddAccountCors();
        // Rate limits from the RateLimits section; client addresses from the proxies in ForwardedHeaders.
        builder.AddAccountRateLimits();
        builder.AddTrustedProxies();
        builder.AddResponseHeaders();
        builder.Services.AddProblemDetails();
        builder.AddAccountHealthChecks();
        builder.AddAccountOpenApi();
        // JSON console logs outside Development; OpenTelemetry traces and metrics, exported over OTLP when configured.
        builder.AddAccountLogging();
        builder.AddAccountTelemetry();
        return builder;
    }

    /// <summary>
    /// The request pipeline, in the order docs/security-model.md ("Request pipeline") explains: proxies → response headers → errors →
    /// CORS → per-address limit → public docs → authentication → per-caller limit → tenancy → authorization →
    /// per-tenancy limit → endpoints.
    /// </summary>
    public static WebApplication UseAccountApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The client's address as the configured proxies report it, before anything counts or logs it.
        app.UseTrustedProxies();
        app.UseResponseHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before authentication: a preflight carries no token and is answered here; refusals keep the CORS headers.
        app.UseAccountCors();
        // Rate limits: per address before the token is validated, per caller after, per tenancy once it is permitted.
        app.UseAddressRateLimit();
        app.UseAccountSwaggerUi();
        app.UseCachedTokenAuthentication();
        app.UseCallerRateLimit();
        app.UseTenancyResolution();
        app.UseAuthorization();
        app.UseTenancyRateLimit();

        app.MapAccountHealthChecks();
        app.MapAccountOpenApi();
        app.MapAccountEndpoints();
        app.MapRevocationEndpoints();
        app.MapTenancyAdminEndpoints();
        return app;
    }
}
