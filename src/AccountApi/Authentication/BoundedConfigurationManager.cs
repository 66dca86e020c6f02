using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// IdentityModel's <see cref="ConfigurationManager{T}"/> (caching, one shared fetch for a burst, refresh when a token
/// names an unknown key, the cached keys kept when a refresh fails), with bounds: a request waits at most
/// <see cref="AzureAdOptions.MetadataTimeout"/> for metadata it does not have, then fails with
/// <see cref="AuthorityUnavailableException"/>; the fetch itself is shared by every waiting request and ends with the
/// bound; and for a second after a fetch failed or timed out, requests fail at once instead of starting another.
/// </summary>
/// <remarks>
/// A <see cref="BaseConfigurationManager"/>, so that JwtBearer hands it to token validation: Identity.Web's check that
/// a signing key's <c>issuer</c> matches the token's directory, and IdentityModel's own configuration-based checks, only
/// run with it. The last-known-good fallback stays off: a key the authority withdrew must not validate again from an
/// older copy of the metadata.
/// </remarks>
internal sealed class BoundedConfigurationManager : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan s_failureHold = TimeSpan.FromSeconds(1);

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _inner;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly AuthorityHealth _health;
    private readonly Lock _fetchGate = new();
    private Task<OpenIdConnectConfiguration>? _fetch;
    private volatile bool _hasConfiguration;
    private long _failedUntil;
    private OpenIdConnectConfiguration? _current;

    public BoundedConfigurationManager(
        ConfigurationManager<OpenIdConnectConfiguration> inner, TimeSpan timeout, TimeProvider time, AuthorityHealth health)
    {
        (_inner, _timeout, _time, _health) = (inner, timeout, time, health);
        MetadataAddress = inner.MetadataAddress;
        AutomaticRefreshInterval = inner.AutomaticRefreshInterval;
        RefreshInterval = inner.RefreshInterval;
        UseLastKnownGoodConfiguration = false;
    }

    /// <summary>The metadata last handed to a caller: the keys tokens are validated with now.</summary>
    public OpenIdConnectConfiguration? Current => Volatile.Read(ref _current);

    /// <summary>Raised with each new metadata document, when a caller is first handed it.</summary>
    public event Action<OpenIdConnectConfiguration>? Updated;

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        // Metadata in hand (nearly every call: every cache hit asks) is returned as it is, with nothing to wait for; a
        // refresh then runs in the background inside IdentityModel.
        if (_hasConfiguration)
        {
            var cached = _inner.GetConfigurationAsync(CancellationToken.None);
            if (cached.IsCompletedSuccessfully)
            {
                Observe(cached.Result);
                return cached;
            }
        }

        return WaitBoundedAsync(cancel);
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) =>
        await GetConfigurationAsync(cancel).ConfigureAwait(false);

    public override void RequestRefresh() => _inner.RequestRefresh();

    private async Task<OpenIdConnectConfiguration> WaitBoundedAsync(CancellationToken cancel)
    {
        if (_time.GetUtcNow().UtcTicks < Volatile.Read(ref _failedUntil))
        {
            throw new AuthorityUnavailableException("The authority's metadata could not be fetched a moment ago; not asked again yet.");
        }

        try
        {
            var configuration = await SharedFetch().WaitAsync(_timeout, cancel).ConfigureAwait(false);
            _hasConfiguration = true;
            Observe(configuration);
            return configuration;
        }
        catch (Exception timedOut) when (timedOut is TimeoutException || (timedOut is OperationCanceledException && !cancel.IsCancellationRequested))
        {
            throw Unavailable(new AuthorityUnavailableException($"The authority's metadata did not arrive within {_timeout.TotalSeconds:0.#} s.", timedOut));
        }
        catch (InvalidOperationException failed) when (failed is not AuthorityUnavailableException)
        {
            // IDX20803: the fetch failed and nothing was cached to fall back on.
            throw Unavailable(new AuthorityUnavailableException("The authority's metadata could not be fetched.", failed));
        }
    }

    // One fetch at a time, shared by every request that waits for it, and bounded itself: it is cancelled after the
    // timeout, so a hanging authority holds nothing (no queue inside IdentityModel, no connection) past the bound.
    private Task<OpenIdConnectConfiguration> SharedFetch()
    {
        lock (_fetchGate)
        {
            if (_fetch is { IsCompleted: false } running)
            {
                return running;
            }

            var bound = new CancellationTokenSource(_timeout);
            var fetch = _inner.GetConfigurationAsync(bound.Token);
            _ = fetch.ContinueWith(static (_, source) => ((CancellationTokenSource)source!).Dispose(), bound, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return _fetch = fetch;
        }
    }

    private void Observe(OpenIdConnectConfiguration configuration)
    {
        if (!ReferenceEquals(Volatile.Read(ref _current), configuration)
            && !ReferenceEquals(Interlocked.Exchange(ref _current, configuration), configuration))
        {
            Updated?.Invoke(configuration);
        }
    }

    // The outage is recorded before the request learns of it. IdentityModel swallows the exception and goes on to find no
    // signing key, and the refusal is classified by AuthorityHealth. Left to the fetch (which may still be running, or be
    // cancelled), a busy machine could classify first and answer invalid_token (403) instead of authority_unavailable (503).
    private AuthorityUnavailableException Unavailable(AuthorityUnavailableException failure)
    {
        Volatile.Write(ref _failedUntil, (_time.GetUtcNow() + s_failureHold).UtcTicks);
        _health.FetchFailed(MetadataAddress, failure);
        return failure;
    }
}
