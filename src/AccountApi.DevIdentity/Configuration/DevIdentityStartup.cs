using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Configuration;

/// <summary>
/// Runs when the host starts (after options validation): checks the host registered an
/// <see cref="IAccessTokenRevocationSink"/> and loads or creates the signing key, so problems surface at start.
/// </summary>
internal sealed class DevIdentityStartup(
    IServiceProviderIsService services, SigningKeyStore keys, DevIdentityCatalog catalog, ILogger<DevIdentityStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!services.IsService(typeof(IAccessTokenRevocationSink)))
        {
            throw new InvalidOperationException(
                $"The development identity provider needs an {nameof(IAccessTokenRevocationSink)} to tell the API which access tokens it revoked. Register one in the host, e.g. builder.Services.AddSingleton<{nameof(IAccessTokenRevocationSink)}, YourRevocationStore>().");
        }

        _ = keys.Keys;
        logger.ProviderEnabled(catalog.Urls.BaseAddress);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
