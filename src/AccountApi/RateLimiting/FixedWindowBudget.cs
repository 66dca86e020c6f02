using System.Collections.Concurrent;

namespace AccountApi.RateLimiting;

/// <summary>
/// One tier's budgets: per partition, at most <c>PermitLimit</c> requests in each fixed window. A request takes its
/// permit with one compare-and-swap on its partition's counter: no lock, nothing allocated once the partition exists.
/// Windows are aligned to the clock, so every instance's windows coincide.
/// </summary>
/// <remarks>
/// A partition idle for a whole window is dropped by a sweep once per window; at most the <c>maxPartitions</c> given are
/// held, and past that a new partition is refused (fail closed) until the next sweep makes room. A counter the sweep
/// drops is marked dead first, so a request that found it just before retries with its successor: no permit is
/// granted twice, none lost.
/// </remarks>
internal sealed class FixedWindowBudget<TKey> : IWindowBudget<TKey>
    where TKey : notnull
{
    private const long Dead = -1;

    private readonly ConcurrentDictionary<TKey, Counter> _counters = new();
    private readonly TimeProvider _time;
    private readonly long _epoch;
    private readonly long _windowTicks;
    private readonly int _limit;
    private readonly ITimer _sweep;
    private readonly int _maxPartitions;
    private int _partitions;

    public FixedWindowBudget(RateLimitWindow window, TimeProvider time, int maxPartitions)
    {
        _time = time;
        _windowTicks = window.Window.Ticks;
        _limit = window.PermitLimit;
        _maxPartitions = maxPartitions;
        // Window numbers count from a window boundary before start, so they fit the counter's 32 bits for centuries.
        var now = time.GetUtcNow().UtcTicks;
        _epoch = now - (now % _windowTicks);
        _sweep = time.CreateTimer(_ => Sweep(), null, window.Window, window.Window);
    }

    /// <summary>Partitions held now.</summary>
    public int Partitions => Volatile.Read(ref _partitions);

    /// <summary>Takes one permit of <paramref name="key"/>'s budget; when none is left, says when the window ends.</summary>
    public bool TryTake(TKey key, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow().UtcTicks - _epoch;
        var window = now / _windowTicks;
        retryAfter = TimeSpan.FromTicks(((window + 1) * _windowTicks) - now);
        while (true)
        {
            if (!_counters.TryGetValue(key, out var counter) && (counter = Add(key)) is null)
            {
                return false;
            }

            switch (counter.TryTake(window, _limit))
            {
                case Taken.Yes:
                    return true;
                case Taken.No:
                    return false;
                default:
                    // Dropped by the sweep between the look-up and the take: take from its successor.
                    continue;
            }
        }
    }

    public void Dispose() => _sweep.Dispose();

    private Counter? Add(TKey key)
    {
        if (Interlocked.Increment(ref _partitions) > _maxPartitions)
        {
            Interlocked.Decrement(ref _partitions);
            return _counters.TryGetValue(key, out var existing) ? existing : null;
        }

        return _counters.GetOrAdd(key, static _ => new Counter());
    }

    /// <summary>Drops every partition whose last permit was taken in an earlier window.</summary>
    internal void Sweep()
    {
        var window = (_time.GetUtcNow().UtcTicks - _epoch) / _windowTicks;
        foreach (var (key, counter) in _counters)
        {
            if (counter.TryRetire(window) && _counters.TryRemove(new KeyValuePair<TKey, Counter>(key, counter)))
            {
                Interlocked.Decrement(ref _partitions);
            }
        }

        // A partition counted by Add whose GetOrAdd found another's counter: recount, rarely and outside requests.
        Volatile.Write(ref _partitions, _counters.Count);
    }

    private enum Taken
    {
        Yes,
        No,
        Retired,
    }

    // The window number in the high 32 bits, the permits taken in it in the low 32.
    private sealed class Counter
    {
        private long _state;

        public Taken TryTake(long window, int limit)
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                if (state == Dead)
                {
                    return Taken.Retired;
                }

                long next;
                if ((state >> 32) != window)
                {
                    next = (window << 32) | 1;
                }
                else if ((int)(state & uint.MaxValue) >= limit)
                {
                    return Taken.No;
                }
                else
                {
                    next = state + 1;
                }

                if (Interlocked.CompareExchange(ref _state, next, state) == state)
                {
                    return Taken.Yes;
                }
            }
        }

        public bool TryRetire(long window)
        {
            var state = Volatile.Read(ref _state);
            return state != Dead && (state >> 32) < window && Interlocked.CompareExchange(ref _state, Dead, state) == state;
        }
    }
}
