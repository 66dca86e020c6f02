using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AccountApi.Health;

/// <summary>
/// Ready when JwtBearer can have the authority's OpenID metadata (discovery document and signing keys). It asks
/// JwtBearer's own configuration manager, so it shares its cache and its backchannel and never fetches on its own:
/// while the metadata is cached this costs nothing, and the probe fails exactly when token validation would.
/// </summary>
internal sealed class AuthorityMetadataHealthCheck(IOptionsMonitor<JwtBearerOptions> jwtBearer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var manager = jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager;
        if (manager is null)
        {
            return HealthCheckResult.Unhealthy("JwtBearer has no configuration manager: no authority is configured.");
        }

        try
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            return configuration.SigningKeys.Count > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The authority publishes no signing keys.");
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or HttpRequestException)
        {
            // IdentityModel wraps every fetch failure in InvalidOperationException (IDX20803); the message names the address.
            return HealthCheckResult.Unhealthy("The authority's OpenID metadata cannot be had.", exception);
        }
    }
}
