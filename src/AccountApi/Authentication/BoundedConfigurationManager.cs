using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.Authentication;

/// <summary>
/// IdentityModel's <see cref="ConfigurationManager{T}"/> (caching, one shared fetch for a burst, refresh when a
/// token names an unknown key, the cached keys kept when a refresh fails), with one addition: a request waits at most
/// <see cref="AzureAdOptions.MetadataTimeout"/> for metadata it does not have, then fails with
/// <see cref="AuthorityUnavailableException"/> instead of hanging. The fetch itself goes on for the requests after it.
/// </summary>
internal sealed class BoundedConfigurationManager(ConfigurationManager<OpenIdConnectConfiguration> inner, TimeSpan timeout)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        // Metadata in hand (nearly every call: every cache hit asks) is returned as it is, with nothing to wait for.
        var configuration = inner.GetConfigurationAsync(CancellationToken.None);
        return configuration.IsCompletedSuccessfully ? configuration : WaitBoundedAsync(configuration, cancel);
    }

    public void RequestRefresh() => inner.RequestRefresh();

    private async Task<OpenIdConnectConfiguration> WaitBoundedAsync(Task<OpenIdConnectConfiguration> configuration, CancellationToken cancel)
    {
        try
        {
            return await configuration.WaitAsync(timeout, cancel).ConfigureAwait(false);
        }
        catch (TimeoutException timedOut)
        {
            throw new AuthorityUnavailableException($"The authority's metadata did not arrive within {timeout.TotalSeconds:0.#} s.", timedOut);
        }
        catch (InvalidOperationException failed) when (failed is not AuthorityUnavailableException)
        {
            // IDX20803: the fetch failed and nothing was cached to fall back on.
            throw new AuthorityUnavailableException("The authority's metadata could not be fetched.", failed);
        }
    }
}
