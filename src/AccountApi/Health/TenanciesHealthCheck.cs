using AccountApi.Tenancy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountApi.Health;

/// <summary>Ready when at least one tenancy is in force: with none, every caller would be refused.</summary>
internal sealed class TenanciesHealthCheck(TenancyStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Count > 0
            ? HealthCheckResult.Healthy($"{store.Count} tenancies in force.")
            : HealthCheckResult.Unhealthy("No tenancy is configured (Tenancies section)."));
}
