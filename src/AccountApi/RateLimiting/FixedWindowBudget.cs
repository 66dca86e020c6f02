using System.Collections.Concurrent;

namespace AccountApi.RateLimiting;

/// <summary>
/// One tier's budgets: per partition, at most <c>PermitLimit</c> requests in each fixed window, which opens with the
/// partition's first request after the last one closed (as ASP.NET Core's fixed-window limiter does). A request takes
/// its permit with one compare-and-swap on its partition's counter: no lock, nothing allocated once the partition exists.
/// </summary>
/// <remarks>
/// Not aligned to the clock: then a caller's budget could be spent and renewed in the same second, around a boundary.
/// A partition idle for a whole window is dropped by a sweep once per window; at most the <c>maxPartitions</c> given are
/// held, and past that a new partition is refused (fail closed) until the next sweep makes room. A counter the sweep
/// drops is marked dead first, so a request that found it just before retries with its successor: no permit is
/// granted twice, none lost.
/// </remarks>
internal sealed class FixedWindowBudget<TKey> : IWindowBudget<TKey>
    where TKey : notnull
{
    private const long Dead = -1;

    // The counter's clock: 10 ms units since the budget was made, 32 bits of them (over a year; a process outliving
    // that wraps once, which only opens one window early).
    private static readonly long s_unitTicks = TimeSpan.FromMilliseconds(10).Ticks;

    private readonly ConcurrentDictionary<TKey, Counter> _counters = new();
    private readonly TimeProvider _time;
    private readonly long _epoch;
    private readonly long _windowUnits;
    private readonly int _limit;
    private readonly ITimer _sweep;
    private readonly int _maxPartitions;
    private int _partitions;

    public FixedWindowBudget(RateLimitWindow window, TimeProvider time, int maxPartitions)
    {
        _time = time;
        _windowUnits = Math.Max(1, window.Window.Ticks / s_unitTicks);
        _limit = window.PermitLimit;
        _maxPartitions = maxPartitions;
        _epoch = time.GetUtcNow().UtcTicks;
        _sweep = time.CreateTimer(_ => Sweep(), null, window.Window, window.Window);
    }

    /// <summary>Partitions held now.</summary>
    public int Partitions => Volatile.Read(ref _partitions);

    /// <summary>Takes one permit of <paramref name="key"/>'s budget; when none is left, says when the window ends.</summary>
    public bool TryTake(TKey key, out TimeSpan retryAfter)
    {
        object? held = null;
        return TryTake(key, ref held, out retryAfter);
    }

    /// <summary>
    /// As <see cref="TryTake(TKey, out TimeSpan)"/>, through the partition <paramref name="held"/> keeps when it is this
    /// budget's and still live, so that the key is neither hashed nor looked up. Otherwise the partition is looked up
    /// (or added) and kept in <paramref name="held"/> for the next request.
    /// </summary>
    public bool TryTake(TKey key, ref object? held, out TimeSpan retryAfter)
    {
        var now = Now();
        retryAfter = TimeSpan.FromTicks(_windowUnits * s_unitTicks);
        var counter = Volatile.Read(ref held) as Counter;
        while (true)
        {
            if (counter?.Budget != this)
            {
                if (!_counters.TryGetValue(key, out counter) && (counter = Add(key)) is null)
                {
                    return false;
                }

                Volatile.Write(ref held, counter);
            }

            switch (counter.TryTake(now, _windowUnits, _limit, out var opened))
            {
                case Taken.Yes:
                    return true;
                case Taken.No:
                    retryAfter = TimeSpan.FromTicks(Math.Max(1, opened + _windowUnits - now) * s_unitTicks);
                    return false;
                default:
                    // Dropped by the sweep since it was found (or kept): take from its successor.
                    counter = null;
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

        return _counters.GetOrAdd(key, static (_, budget) => new Counter(budget), this);
    }

    private uint Now() => unchecked((uint)((_time.GetUtcNow().UtcTicks - _epoch) / s_unitTicks));

    /// <summary>Drops every partition whose window has closed.</summary>
    internal void Sweep()
    {
        var now = Now();
        foreach (var (key, counter) in _counters)
        {
            if (counter.TryRetire(now, _windowUnits) && _counters.TryRemove(new KeyValuePair<TKey, Counter>(key, counter)))
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

    // When the window opened (Now's units) in the high 32 bits, the permits taken in it in the low 32.
    private sealed class Counter(FixedWindowBudget<TKey> budget)
    {
        private long _state = Closed;

        // A window that opened long enough ago to be closed at any time: a new counter opens one on its first take.
        private const long Closed = (long)uint.MaxValue << 32;

        // Whose partition this is: a holder may keep partitions of several budgets (a caller's per-caller and per-operator).
        public FixedWindowBudget<TKey> Budget { get; } = budget;

        public Taken TryTake(uint now, long windowUnits, int limit, out uint opened)
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                opened = (uint)((ulong)state >> 32);
                if (state == Dead)
                {
                    return Taken.Retired;
                }

                long next;
                if (IsClosed(state, now, windowUnits))
                {
                    next = ((long)now << 32) | 1;
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

        public bool TryRetire(uint now, long windowUnits)
        {
            var state = Volatile.Read(ref _state);
            return state != Dead && IsClosed(state, now, windowUnits) && Interlocked.CompareExchange(ref _state, Dead, state) == state;
        }

        // Elapsed time in wrapping 32-bit arithmetic; a counter never taken from is closed.
        private static bool IsClosed(long state, uint now, long windowUnits) =>
            state == Closed || unchecked(now - (uint)((ulong)state >> 32)) >= windowUnits;
    }
}
