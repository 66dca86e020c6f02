using AccountApi.Revocation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountApi.Health;

/// <summary>
/// The shared revocation store: unhealthy until revocations were loaded from Redis once (this instance would not know
/// them) and while it has not been confirmed for longer than <c>Revocation:MaxStaleness</c> (it answers tokens 503),
/// degraded while Redis is unreachable within that bound (the last copy is enforced, new revocations are refused),
/// healthy otherwise. The in-memory store is always healthy.
/// </summary>
internal sealed class RevocationStoreHealthCheck(ITokenRevocationStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store switch
        {
            ISharedRevocationStore { HasLoaded: false } => HealthCheckResult.Unhealthy("Revocations have not been loaded from Redis yet."),
            ISharedRevocationStore { IsCurrent: false } => HealthCheckResult.Unhealthy("Revocations have not been confirmed with Redis within Revocation:MaxStaleness: tokens are answered 503 until this instance has caught up."),
            ISharedRevocationStore { IsConnected: true, IsInStep: false } => HealthCheckResult.Degraded("Catching up with Redis after a gap: revocations are being re-read."),
            ISharedRevocationStore { IsConnected: false } => HealthCheckResult.Degraded("Redis is unreachable: the last known revocations are enforced; new ones are refused with 503; rate limits are this instance's own."),
            ISharedRevocationStore => HealthCheckResult.Healthy("Revocations shared through Redis."),
            _ => HealthCheckResult.Healthy("Revocations in memory (one instance)."),
        });
}
