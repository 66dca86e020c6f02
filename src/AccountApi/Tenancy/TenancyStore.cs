using System.Collections.Concurrent;

namespace AccountApi.Tenancy;

/// <summary>
/// The tenancies in force on this instance: the registry's copy in memory (<c>TenancyRegistry/</c> keeps it in step),
/// read on every request without a lock or a database round trip. A change replaces one tenancy whole.
/// </summary>
/// <remarks>
/// A deleted tenancy stays as a marker with its change's sequence, so that a change that arrives late (the poller
/// reading what this instance's own write already applied) can never bring back an older state.
/// </remarks>
internal sealed class TenancyStore
{
    private readonly ConcurrentDictionary<string, Entry> _tenancies = new(StringComparer.OrdinalIgnoreCase);
    // How many tenancies admit each directory (suspended or not): the admission check of the token cache and operators.
    private readonly ConcurrentDictionary<Guid, int> _directories = new();
    private readonly Lock _writeGate = new();
    private int _count;

    public TenancyInfo? Find(string name) => _tenancies.TryGetValue(name, out var entry) ? entry.Tenancy : null;

    /// <summary>Some tenancy, suspended or not, admits callers of <paramref name="directory"/>.</summary>
    public bool AdmitsDirectory(Guid directory) => _directories.ContainsKey(directory);

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
                _directories.TryRemove(directory, out _);
            }
        }
    }

    private readonly record struct Entry(TenancyInfo? Tenancy, long Sequence);
}
