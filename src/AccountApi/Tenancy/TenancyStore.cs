using System.Collections.Concurrent;

namespace AccountApi.Tenancy;

/// <summary>
/// The tenancies in force on this instance: the registry's copy in memory (<c>TenancyRegistry/</c> keeps it in step),
/// read on every request without a lock or a database round trip. A change replaces one tenancy whole.
/// </summary>
/// <remarks>
/// At start the instance serves at once, while the registry is still being loaded: until <see cref="CompleteLoading"/>,
/// a tenancy not in memory yet is read from the database on demand (and kept), so a million tenancies cost start-up
/// no more than one.
/// A deleted tenancy stays as a marker with its change's sequence, so that a change that arrives late (the poller
/// reading what this instance's own write already applied) can never bring back an older state.
/// </remarks>
internal sealed class TenancyStore
{
    private readonly ConcurrentDictionary<string, Entry> _tenancies = new(StringComparer.OrdinalIgnoreCase);
    // How many tenancies admit each directory (suspended or not): asked on a token cache miss and by operator routes,
    // never on a hit, so a plain dictionary under the write lock (half the bytes of a concurrent one).
    private readonly Dictionary<Guid, int> _directories = [];
    private readonly Lock _writeGate = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Func<string, CancellationToken, Task>? _fetchWhileLoading;
    private int _count;

    /// <summary>The tenancy named <paramref name="name"/> among those in memory.</summary>
    public TenancyInfo? Find(string name) => _tenancies.TryGetValue(name, out var entry) ? entry.Tenancy : null;

    /// <summary>
    /// <see cref="Find"/>, or while the registry is still loading, a tenancy not in memory yet read from the database.
    /// Completes synchronously once the registry is loaded.
    /// </summary>
    public ValueTask<TenancyInfo?> FindAsync(string name, CancellationToken cancellationToken) =>
        Find(name) is { } found ? ValueTask.FromResult<TenancyInfo?>(found)
            : _fetchWhileLoading is { } fetch ? FetchAsync(fetch, name, cancellationToken)
            : ValueTask.FromResult<TenancyInfo?>(null);

    private async ValueTask<TenancyInfo?> FetchAsync(Func<string, CancellationToken, Task> fetch, string name, CancellationToken cancellationToken)
    {
        await fetch(name, cancellationToken);
        return Find(name);
    }

    /// <summary>Completes when the whole registry is in memory.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Until <see cref="CompleteLoading"/>, <paramref name="fetch"/> puts in force a tenancy asked for but not loaded yet.</summary>
    public void BeginLoading(Func<string, CancellationToken, Task> fetch) => _fetchWhileLoading = fetch;

    public void CompleteLoading()
    {
        _fetchWhileLoading = null;
        _loaded.TrySetResult();
    }

    /// <summary>Some tenancy in memory, suspended or not, admits callers of <paramref name="directory"/>.</summary>
    public bool AdmitsDirectory(Guid directory)
    {
        lock (_writeGate)
        {
            return _directories.ContainsKey(directory);
        }
    }

    /// <summary>How many tenancies are in force (the readiness check needs at least one).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Puts <paramref name="tenancy"/> in force under <paramref name="name"/> (null: deleted), unless a change with a
    /// later <paramref name="sequence"/> was applied already. True when it changed what is in force.
    /// </summary>
    public bool Apply(string name, TenancyInfo? tenancy, long sequence)
    {
        lock (_writeGate)
        {
            var had = _tenancies.TryGetValue(name, out var current);
            if (had && current.Sequence >= sequence)
            {
                return false;
            }

            if (current.Tenancy is { } previous)
            {
                CountDirectories(previous, -1);
            }

            if (tenancy is not null)
            {
                CountDirectories(tenancy, +1);
            }

            _tenancies[name] = new Entry(tenancy, sequence);
            _count += (tenancy is null ? 0 : 1) - (current.Tenancy is null ? 0 : 1);
            return true;
        }
    }

    private void CountDirectories(TenancyInfo tenancy, int delta)
    {
        foreach (var directory in tenancy.DirectoryIds)
        {
            var count = _directories.GetValueOrDefault(directory) + delta;
            if (count > 0)
            {
                _directories[directory] = count;
            }
            else
            {
                _directories.Remove(directory);
            }
        }
    }

    private readonly record struct Entry(TenancyInfo? Tenancy, long Sequence);
}
