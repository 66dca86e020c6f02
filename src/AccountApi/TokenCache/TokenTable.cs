using System.Collections.Concurrent;
using System.Text;

namespace AccountApi.TokenCache;

/// <summary>
/// The validated-token cache's storage: entries keyed by the token's ASCII text and found by the header's characters
/// (<see cref="TokenTextComparer"/>), each charged bytes against one budget that is never exceeded (an entry that does
/// not fit is not added). When the budget is reached, and once a minute, a compaction runs in the background, never on
/// a request: expired entries go, then, while above nine tenths of the budget, entries not hit since the last
/// compaction (second chance), soonest to expire first.
/// </summary>
internal sealed class TokenTable
{
    /// <summary>Longer text is not a token anyone can present (JwtBearer's limit is 250 KB) and is never added.</summary>
    private const int MaxTokenLength = 256 * 1024;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<byte[], CachedToken> _entries;
    private readonly ConcurrentDictionary<byte[], CachedToken>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly long _budget;
    private readonly TimeProvider _time;
    private long _charged;
    private int _count;
    private int _compacting;
    private long _nextSweep;

    public TokenTable(long budget, TimeProvider time)
    {
        _budget = budget;
        _time = time;
        _nextSweep = time.GetUtcNow().Add(SweepInterval).UtcTicks;
        _entries = new(new TokenTextComparer());
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The entry for <paramref name="token"/>, marked as hit; null if there is none.</summary>
    public CachedToken? Find(ReadOnlySpan<char> token)
    {
        if (Volatile.Read(ref _count) == 0 || !_lookup.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (!entry.Hit)
        {
            entry.Hit = true;
        }

        return entry;
    }

    /// <summary>Adds <paramref name="entry"/> under <paramref name="token"/> if it fits the budget; if not, compaction starts.</summary>
    public bool TryAdd(ReadOnlySpan<char> token, CachedToken entry)
    {
        if (token.Length is 0 or > MaxTokenLength || !Ascii.IsValid(token))
        {
            return false;
        }

        SweepIfDue();
        if (Interlocked.Add(ref _charged, entry.Charge) > _budget)
        {
            Interlocked.Add(ref _charged, -entry.Charge);
            StartCompaction();
            return false;
        }

        var key = new byte[token.Length];
        Ascii.FromUtf16(token, key, out _);
        entry.Key = key;
        if (!_entries.TryAdd(key, entry))
        {
            Interlocked.Add(ref _charged, -entry.Charge);
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>Removes <paramref name="entry"/>, if it is still the one held under its token.</summary>
    public bool Remove(CachedToken entry)
    {
        if (!_entries.TryRemove(new KeyValuePair<byte[], CachedToken>(entry.Key, entry)))
        {
            return false;
        }

        // Counted out before its bytes are given back: an add can only take them after, so the count never runs ahead.
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _charged, -entry.Charge);
        return true;
    }

    /// <summary>Removes every entry <paramref name="drop"/> selects; returns those removed.</summary>
    public List<CachedToken> RemoveWhere(Func<CachedToken, bool> drop)
    {
        var removed = new List<CachedToken>();
        foreach (var (_, entry) in _entries)
        {
            if (drop(entry) && Remove(entry))
            {
                removed.Add(entry);
            }
        }

        return removed;
    }

    /// <summary>Runs a compaction now, on the calling thread (tests; requests only ever start one in the background).</summary>
    internal void Compact()
    {
        var now = _time.GetUtcNow();
        // The marks as they are now: hits keep setting them while this runs, and a sort must see each value once.
        var survivors = new List<(CachedToken Entry, bool Hit)>(Count);
        foreach (var (_, entry) in _entries)
        {
            if (entry.NotAfter <= now)
            {
                Remove(entry);
            }
            else
            {
                survivors.Add((entry, entry.Hit));
            }
        }

        var target = _budget - (_budget / 10);
        if (Volatile.Read(ref _charged) > target)
        {
            survivors.Sort(static (a, b) => a.Hit != b.Hit ? a.Hit.CompareTo(b.Hit) : a.Entry.NotAfter.CompareTo(b.Entry.NotAfter));
            foreach (var (entry, _) in survivors)
            {
                if (Volatile.Read(ref _charged) <= target)
                {
                    break;
                }

                Remove(entry);
            }
        }

        foreach (var (entry, _) in survivors)
        {
            entry.Hit = false;
        }
    }

    private void SweepIfDue()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var due = Volatile.Read(ref _nextSweep);
        if (now >= due && Interlocked.CompareExchange(ref _nextSweep, now + SweepInterval.Ticks, due) == due)
        {
            StartCompaction();
        }
    }

    private void StartCompaction()
    {
        if (Interlocked.CompareExchange(ref _compacting, 1, 0) != 0)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            static table =>
            {
                try
                {
                    table.Compact();
                }
                finally
                {
                    Volatile.Write(ref table._compacting, 0);
                }
            },
            this,
            preferLocal: false);
    }
}
