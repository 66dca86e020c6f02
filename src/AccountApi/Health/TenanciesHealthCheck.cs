using AccountApi.Tenancy;
using AccountApi.TenancyRegistry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountApi.Health;

/// <summary>
/// Ready when at least one tenancy is in force (with none, every caller would be refused); Degraded while the registry
/// loads at start (served, one database read per tenancy not loaded yet), or cannot be read: the last copy is served,
/// but changes made elsewhere do not arrive and admin writes are refused.
/// </summary>
internal sealed class TenanciesHealthCheck(TenancyStore store, TenancyRegistryService registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((store.Count, registry.IsReachable) switch
        {
            (var count, _) when !store.Loaded.IsCompleted => HealthCheckResult.Degraded($"Loading the tenancy registry ({count} tenancies so far): a tenancy not loaded yet is read from the database when asked for."),
            (0, _) => HealthCheckResult.Unhealthy("No tenancy is in the registry: onboard one through PUT /admin/tenancies/{name} (or seed an empty registry from the Tenancies section)."),
            (var count, false) => HealthCheckResult.Degraded($"The tenancy registry cannot be read: the last copy ({count} tenancies) stays in force."),
            (var count, true) => HealthCheckResult.Healthy($"{count} tenancies in force."),
        });
}
