using AccountApi.Accounts;
using AccountApi.Authentication;
using AccountApi.Authorization;
using AccountApi.Cors;
using AccountApi.Health;
using AccountApi.Logging;
using AccountApi.OpenApi;
using AccountApi.Revocation;
using AccountApi.Telemetry;
using AccountApi.Tenancy;

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

        // Entra ID bearer tokens (Microsoft.Identity.Web + JwtBearer), validated from the AzureAd section.
        builder.AddEntraIdAuthentication();
        // Revoked tokens and subject cut-offs, checked on every request; shared through Redis when Revocation:Redis is set.
        builder.AddTokenRevocation();
        // Tenancies from the Tenancies section, resolved per request from X-Tenant-ID.
        builder.AddTenancy();
        // The account policy; every refusal becomes a 403 problem document with a reason.
        builder.AddAccountAuthorization();
        // Browser apps on the origins in Cors:AllowedOrigins may call the API.
        builder.AddAccountCors();
        builder.Services.AddProblemDetails();
        builder.AddAccountHealthChecks();
        builder.AddAccountOpenApi();
        // JSON console logs outside Development; OpenTelemetry traces and metrics, exported over OTLP when configured.
        builder.AddAccountLogging();
        builder.AddAccountTelemetry();
        return builder;
    }

    /// <summary>
    /// The request pipeline, in the order the README's "Request pipeline" explains: errors → CORS → public docs →
    /// authentication → tenancy → authorization → endpoints.
    /// </summary>
    public static WebApplication UseAccountApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before authentication: a preflight carries no token and is answered here; refusals keep the CORS headers.
        app.UseCors();
        app.UseAccountSwaggerUi();
        app.UseAuthentication();
        app.UseTenancyResolution();
        app.UseAuthorization();

        app.MapAccountHealthChecks();
        app.MapAccountOpenApi();
        app.MapAccountEndpoints();
        app.MapRevocationEndpoints();
        return app;
    }
}
