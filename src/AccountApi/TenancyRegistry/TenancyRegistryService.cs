using AccountApi.Tenancy;
using Microsoft.Extensions.Options;

namespace AccountApi.TenancyRegistry;

/// <summary>
/// Keeps this instance's tenancies (<see cref="TenancyStore"/>) in step with the registry's database: prepares it at
/// start (schema, seed) and loads it whole in the background, then applies every change after the last one it
/// applied, on a timer and at once after its own writes. Once loaded, requests never wait on the database.
/// </summary>
/// <remarks>
/// While the database cannot be read the last copy stays in force (<see cref="IsReachable"/> is false, readiness is
/// Degraded); the next successful read catches up from where it stopped, so no change is lost.
/// </remarks>
internal sealed class TenancyRegistryService(
    ITenancyRegistryStore store,
    TenancyStore tenancies,
    IOptions<TenancyOptions> seed,
    IOptions<TenancyRegistryOptions> options,
    TimeProvider time,
    ILogger<TenancyRegistryService> logger) : IHostedService, IAsyncDisposable
{
    private const int BatchSize = 10_000;
    private const int CompactAfterLoading = 100_000;

    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private Task? _listening;
    private Task? _loading;
    private long _applied;
    private volatile bool _reachable = true;

    /// <summary>The last read of the database succeeded.</summary>
    public bool IsReachable => _reachable;

    /// <summary>The sequence of the last change read from the database and applied.</summary>
    public long Applied => Volatile.Read(ref _applied);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The section was validated at start (TenancyOptionsValidator): a catalog is certain here.
        var catalog = TenancyCatalog.TryCreate(seed.Value, out _)!;
        try
        {
            if (await store.PrepareAsync([.. catalog.Tenancies], cancellationToken))
            {
                TenancyRegistryLog.Seeded(logger, catalog.Count);
            }
        }
        catch (TenancyStoreUnavailableException unavailable)
        {
            // Nothing to serve from yet: stop start-up with the key to fix rather than serve no tenancy at all.
            throw new OptionsValidationException(TenancyRegistryOptions.SectionName, typeof(TenancyRegistryOptions),
                [options.Value.PostgreSql is null
                    ? $"{TenancyRegistryOptions.SectionName}:Sqlite '{options.Value.Sqlite}': {unavailable.Message} Name a file in a folder this process may write (relative paths are under the content root)."
                    : $"{TenancyRegistryOptions.SectionName}:PostgreSql: {unavailable.Message} Check the server is up and the connection string's host, database and credentials."]);
        }

        // The database answers; the instance serves from here, reading a tenancy it has not loaded yet on demand.
        tenancies.BeginLoading(FetchWhileLoadingAsync);
        _loading = Task.Run(LoadAsync, CancellationToken.None);
    }

    // The whole registry in one read (a million tenancies take seconds), then what changed meanwhile; retried while
    // the database cannot be read.
    private async Task LoadAsync()
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                await _catchUpGate.WaitAsync(_stopping.Token);
                try
                {
                    var current = await store.LoadAsync(record => tenancies.Apply(record.Key, record.Tenancy, record.Sequence), _stopping.Token);
                    Volatile.Write(ref _applied, Math.Max(Applied, current));
                }
                finally
                {
                    _catchUpGate.Release();
                }

                await CatchUpAsync(_stopping.Token);
                break;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Never given up: until loaded, the instance serves by reading tenancies one by one and says so.
                if (exception is TenancyStoreUnavailableException unavailable)
                {
                    MarkUnreachable(unavailable);
                }
                else
                {
                    TenancyRegistryLog.LoadFailed(logger, exception);
                }

                try
                {
                    await Task.Delay(options.Value.PollInterval, time, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        if (tenancies.Count >= CompactAfterLoading)
        {
            // Reading a large registry left several times its size in garbage: give it back to the system once, now,
            // rather than keep it as heap the service never needs again. Before readiness says loaded, so that the
            // pause does not fall on the traffic a load balancer sends once it does.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        tenancies.CompleteLoading();

        var took = time.GetElapsedTime(started);
        TenancyRegistryLog.Loaded(logger, tenancies.Count, Applied, took.TotalMilliseconds);
        _timer = time.CreateTimer(_ => _ = PollAsync(), null, options.Value.PollInterval, options.Value.PollInterval);
        if (store is ITenancyChangeNotifier notifier)
        {
            _listening = ListenAsync(notifier);
        }
    }

    // A request for a tenancy the load has not reached yet: read that one row (a change applied later wins by sequence).
    private async Task FetchWhileLoadingAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            if (await store.FindAsync(name, cancellationToken) is { } record)
            {
                tenancies.Apply(record.Key, record.Tenancy, record.Sequence);
            }
        }
        catch (TenancyStoreUnavailableException exception)
        {
            // Refused as unknown (fail closed) while neither the load nor this read can reach the database.
            MarkUnreachable(exception);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loading is not null)
        {
            await _loading;
        }

        if (_listening is not null)
        {
            await _listening;
        }
    }

    // Disposed twice (as itself and as the hosted service the container made from it); the token source is left to
    // the collector, since a listener may still be returning from it.
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
    }

    // Another instance's change is read as soon as it commits; a dropped connection listens again a second later, and
    // meanwhile the periodic read keeps this instance in step (and reports an unreachable database).
    private async Task ListenAsync(ITenancyChangeNotifier notifier)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await notifier.ListenAsync(() => _ = PollAsync(), _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or TimeoutException or InvalidOperationException)
            {
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public Task<TenancyRecord?> FindAsync(string name, CancellationToken cancellationToken) => store.FindAsync(name, cancellationToken);

    public Task<IReadOnlyList<TenancyRecord>> ListAsync(string? after, int limit, CancellationToken cancellationToken) =>
        store.ListAsync(after, limit, cancellationToken);

    /// <summary>Writes the tenancy and, when written, puts it in force here at once (the others follow within a poll).</summary>
    public async Task<TenancyWriteResult> PutAsync(TenancyInfo tenancy, TenancyPrecondition precondition, string requestedBy, CancellationToken cancellationToken)
    {
        var result = await Logged(store.PutAsync(tenancy, precondition, cancellationToken), requestedBy);
        ApplyWritten(result, requestedBy);
        return result;
    }

    public async Task<TenancyWriteResult> DeleteAsync(string name, TenancyPrecondition precondition, string requestedBy, CancellationToken cancellationToken)
    {
        var result = await Logged(store.DeleteAsync(name, precondition, cancellationToken), requestedBy);
        ApplyWritten(result, requestedBy);
        return result;
    }

    /// <summary>Writes every tenancy in one transaction, then catches up (a million changes are applied in batches).</summary>
    public async Task<int> ImportAsync(IAsyncEnumerable<TenancyInfo> imported, string requestedBy, CancellationToken cancellationToken)
    {
        var count = await Logged(store.ImportAsync(imported, cancellationToken), requestedBy);
        TenancyRegistryLog.Imported(logger, count, requestedBy);
        await CatchUpAsync(cancellationToken);
        return count;
    }

    // A refused write is answered 503 without the reason; the log keeps it for the operator.
    private async Task<T> Logged<T>(Task<T> write, string requestedBy)
    {
        try
        {
            return await write;
        }
        catch (TenancyStoreUnavailableException unavailable)
        {
            TenancyRegistryLog.WriteFailed(logger, requestedBy, unavailable.Message);
            throw;
        }
    }

    private void ApplyWritten(TenancyWriteResult result, string requestedBy)
    {
        if (result is { Outcome: TenancyWriteOutcome.Created or TenancyWriteOutcome.Replaced or TenancyWriteOutcome.Deleted, Record: { } record })
        {
            tenancies.Apply(record.Key, record.Tenancy, record.Sequence);
            TenancyRegistryLog.Changed(logger, record.Tenancy?.Name ?? record.Key, result.Outcome.ToString().ToLowerInvariant(), record.Sequence, requestedBy);
        }
    }

    private async Task PollAsync()
    {
        try
        {
            await CatchUpAsync(CancellationToken.None);
        }
        catch (TenancyStoreUnavailableException)
        {
            // Logged once by CatchUpAsync; the next tick tries again.
        }
    }

    /// <summary>Applies every change after the last one applied, in order.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _catchUpGate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<TenancyRecord> batch;
            do
            {
                batch = await store.ReadChangesAsync(Applied, BatchSize, cancellationToken);
                foreach (var record in batch)
                {
                    tenancies.Apply(record.Key, record.Tenancy, record.Sequence);
                    Volatile.Write(ref _applied, record.Sequence);
                }
            }
            while (batch.Count == BatchSize);

            if (!_reachable)
            {
                _reachable = true;
                TenancyRegistryLog.Recovered(logger, Applied);
            }
        }
        catch (TenancyStoreUnavailableException exception)
        {
            MarkUnreachable(exception);
            throw;
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    private void MarkUnreachable(TenancyStoreUnavailableException exception)
    {
        if (_reachable)
        {
            _reachable = false;
            TenancyRegistryLog.Unreachable(logger, exception.Message);
        }
    }
}
