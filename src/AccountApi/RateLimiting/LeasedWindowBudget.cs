using System.Collections.Concurrent;
using StackExchange.Redis;

namespace AccountApi.RateLimiting;

/// <summary>
/// A tier's budgets shared by every instance through Redis: each instance takes permits in blocks (a lease) with one
/// <c>INCRBY</c> on the partition's counter for the window, and admits from the block it holds, so a request never
/// waits on the network. A new window starts with one block admitted at once and reserved meanwhile, and the next block
/// is asked for when half of the current one is spent; when Redis says the fleet has spent the budget, the instance
/// admits nothing more in that window. So the fleet admits at most the limit plus one block per instance per window.
/// </summary>
/// <remarks>
/// While Redis cannot be reached, each instance falls back to its own <see cref="FixedWindowBudget{TKey}"/> (logged,
/// and readiness says Degraded through the revocation store's check). A partition's lease has a lock of its own: only
/// requests of one caller (or one tenancy) ever wait for each other, for a few instructions.
/// </remarks>
internal sealed class LeasedWindowBudget : IWindowBudget<string>
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly FixedWindowBudget<string> _local;
    private readonly Func<IConnectionMultiplexer?> _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly long _windowTicks;
    private readonly int _limit;
    private readonly int _block;
    private readonly ITimer _sweep;
    private int _shared = 1;

    public LeasedWindowBudget(string tier, RateLimitWindow window, Func<IConnectionMultiplexer?> connection, TimeProvider time, int maxPartitions, ILogger logger)
    {
        _local = new FixedWindowBudget<string>(window, time, maxPartitions);
        _connection = connection;
        _time = time;
        _logger = logger;
        _prefix = $"accountapi:ratelimit:{tier}:";
        _windowTicks = window.Window.Ticks;
        _limit = window.PermitLimit;
        // A tenth of the budget: ten round trips a window at most, and the fleet's overshoot bounded by a tenth an instance.
        _block = Math.Max(1, window.PermitLimit / 10);
        _sweep = time.CreateTimer(_ => Sweep(), null, window.Window, window.Window);
    }

    public bool TryTake(string key, out TimeSpan retryAfter)
    {
        object? held = null;
        return TryTake(key, ref held, out retryAfter);
    }

    public bool TryTake(string key, ref object? held, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow().UtcTicks;
        // Absolute window numbers: every instance names the same window the same way.
        var window = now / _windowTicks;
        retryAfter = TimeSpan.FromTicks(((window + 1) * _windowTicks) - now);
        if (_connection() is not { IsConnected: true } redis)
        {
            Shared(false);
            return _local.TryTake(key, out retryAfter);
        }

        Shared(true);
        var lease = Volatile.Read(ref held) as Lease;
        while (true)
        {
            if (lease?.Budget != this)
            {
                lease = _leases.GetOrAdd(key, static (_, budget) => new Lease(budget), this);
                Volatile.Write(ref held, lease);
            }

            Reservation? reservation = null;
            bool admitted;
            lock (lease.Gate)
            {
                if (lease.Window == Lease.Retired)
                {
                    lease = null;
                    continue;
                }

                if (lease.Window != window)
                {
                    // A new window: admit from a first block at once, reserved in Redis meanwhile.
                    (lease.Window, lease.Remaining, lease.Exhausted, lease.Reserving) = (window, _block, false, true);
                    reservation = new(window, First: true);
                }
                else if (!lease.Reserving && !lease.Exhausted && lease.Remaining <= _block / 2)
                {
                    lease.Reserving = true;
                    reservation = new(window, First: false);
                }

                admitted = lease.Remaining > 0;
                if (admitted)
                {
                    lease.Remaining--;
                }
            }

            if (reservation is { } next)
            {
                _ = ReserveAsync(redis, key, lease, next);
            }

            return admitted;
        }
    }

    public void Dispose()
    {
        _sweep.Dispose();
        _local.Dispose();
    }

    private async Task ReserveAsync(IConnectionMultiplexer redis, string key, Lease lease, Reservation reservation)
    {
        var granted = 0;
        try
        {
            var counter = new RedisKey(_prefix + key + ":" + reservation.Window);
            var database = redis.GetDatabase();
            var taken = await database.StringIncrementAsync(counter, _block).ConfigureAwait(false);
            if (taken == _block)
            {
                // Kept a window past its own, so that a late instance still sees what the fleet took.
                _ = database.KeyExpireAsync(counter, TimeSpan.FromTicks(2 * _windowTicks), flags: CommandFlags.FireAndForget);
            }

            granted = (int)Math.Clamp(_limit - (taken - _block), 0, _block);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Nothing confirmed: the first block stays as admitted (the fleet's bound allows it), no further one comes.
            RateLimitLog.LeaseFailed(_logger, exception.Message);
            granted = reservation.First ? _block : 0;
        }

        lock (lease.Gate)
        {
            if (lease.Window != reservation.Window)
            {
                return;
            }

            lease.Reserving = false;
            lease.Remaining += reservation.First ? granted - _block : granted;
            lease.Exhausted = granted < _block;
        }
    }

    // Leases idle for a whole window are dropped; one is marked retired under its lock first, so that a request that
    // found it takes a new one rather than admit from a lease nobody holds any more.
    private void Sweep()
    {
        var window = _time.GetUtcNow().UtcTicks / _windowTicks;
        foreach (var (key, lease) in _leases)
        {
            lock (lease.Gate)
            {
                if (lease.Window >= window || lease.Reserving)
                {
                    continue;
                }

                lease.Window = Lease.Retired;
            }

            _leases.TryRemove(new KeyValuePair<string, Lease>(key, lease));
        }
    }

    private void Shared(bool shared)
    {
        if (Interlocked.Exchange(ref _shared, shared ? 1 : 0) != (shared ? 1 : 0))
        {
            if (shared)
            {
                RateLimitLog.SharedAgain(_logger);
            }
            else
            {
                RateLimitLog.LocalOnly(_logger);
            }
        }
    }

    private readonly record struct Reservation(long Window, bool First);

    private sealed class Lease(LeasedWindowBudget budget)
    {
        public const long Retired = long.MinValue;

        // Whose lease this is: a holder may keep partitions of several budgets (a caller's per-caller and per-operator).
        public LeasedWindowBudget Budget { get; } = budget;

        public readonly Lock Gate = new();
        public long Window = -1;
        public int Remaining;
        public bool Reserving;
        public bool Exhausted;
    }
}
