using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AccountApi.Health;

internal static class HealthExtensions
{
    private const string ReadyTag = "ready";

    // JwtBearer's backchannel waits a minute by default; a probe should answer well within an orchestrator's timeout.
    private static readonly TimeSpan s_checkTimeout = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddAccountHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<AuthorityMetadataHealthCheck>("authority-metadata", tags: [ReadyTag], timeout: s_checkTimeout)
            .AddCheck<TenanciesHealthCheck>("tenancies", tags: [ReadyTag])
            .AddCheck<RevocationStoreHealthCheck>("revocation-store", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> runs no checks: it says the process serves requests, nothing more (a restart would not fix
    /// an unreachable authority). <c>/health/ready</c> runs the ready checks: 200 <c>Healthy</c>, 200 <c>Degraded</c> (Redis
    /// unreachable: revocations still enforced) or 503 <c>Unhealthy</c>.
    /// Both public: no token, no tenancy.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Not rate limited: a probe speaks for the instance, and a 429 would make the orchestrator pull it during a flood.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }
}
