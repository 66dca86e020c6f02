using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AccountApi.Authentication;

/// <summary>
/// Asks JwtBearer's configuration manager for the authority's metadata in the background as the host starts, so that
/// the first request finds the discovery document and keys cached (or being fetched) instead of fetching them itself,
/// then once every <see cref="KeepAlive"/>: IdentityModel refreshes metadata only when asked, and a cache hit no longer
/// asks.
/// It shares JwtBearer's cache, backchannel and outage state, never blocks or fails start-up, and reports nothing of
/// its own: a failed fetch is logged once by <see cref="AuthorityHealth"/> and retried by the next request.
/// </summary>
internal sealed class AuthorityMetadataWarmUp(IServiceProvider services, TimeProvider time) : IHostedLifecycleService, IDisposable
{
    /// <summary>How often the metadata is asked for: a due refresh (or one an unknown <c>kid</c> requested) starts within this.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();

    // StartingAsync runs before any hosted service's StartAsync, so the fetch overlaps building the request pipeline
    // and starting Kestrel instead of following them.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(WarmUpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task WarmUpAsync()
    {
        using var ticks = new PeriodicTimer(KeepAlive, time);
        do
        {
            try
            {
                // Resolved here, in the background, not injected: building JwtBearer's options (and all they depend on)
                // must neither delay start-up nor fail it before the options validation names the setting to fix.
                var jwtBearer = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>();
                if (jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is { } manager)
                {
                    await manager.GetConfigurationAsync(_stopping.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Best effort: whatever failed here, the next request that needs the metadata tries again and reports it.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
        while (await Tick(ticks));
    }

    private async Task<bool> Tick(PeriodicTimer ticks)
    {
        try
        {
            return await ticks.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
