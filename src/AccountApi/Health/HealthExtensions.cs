using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AccountApi.Health;

internal static class HealthExtensions
{
    public static IHostApplicationBuilder AddAccountHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> runs no checks: it says the process serves requests, nothing more. Public: no token, no tenancy.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        return endpoints;
    }
}
