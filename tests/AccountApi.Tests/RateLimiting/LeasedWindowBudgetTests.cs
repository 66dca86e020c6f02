using AccountApi.RateLimiting;
using AccountApi.Tests.Revocation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AccountApi.Tests.RateLimiting;

/// <summary>A budget shared through a real Redis server, taken through the lease a holder keeps.</summary>
public sealed class LeasedWindowBudgetTests : IDisposable
{
    private readonly RedisServer _redis = new();

    [RedisFact]
    public async Task AHeldLease_IsTheKeysOwn_UntilTheSweepRetiresIt_ThenItsSuccessorIsHeld()
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 30, TimeSpan.Zero));
        var window = new RateLimitWindow { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) };
        using var budget = new LeasedWindowBudget("per-caller", window, () => connection, clock, 100, NullLogger.Instance);
        // A caller of its own: the counters live in Redis, which other tests share.
        var caller = $"user:{Guid.NewGuid()}";
        object? held = null;

        Assert.True(budget.TryTake(caller, ref held, out _));
        var first = held;
        Assert.NotNull(first);
        // The first block (a tenth of the budget) is one lease, whether a request holds it or looks it up.
        Assert.True(budget.TryTake(caller, out _));
        Assert.True(budget.TryTake(caller, ref held, out _));
        Assert.Same(first, held);

        // Idle for a whole window: the sweep retires the lease (once its block's reservation is answered; the sweep
        // leaves a lease that is still reserving); the holder takes from a new one and holds that.
        await ReservedAsync(connection, caller, clock);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(budget.TryTake(caller, ref held, out _));
        Assert.NotSame(first, held);

        // Held for another budget of the same caller (per-operator): not spent here.
        using var perOperator = new LeasedWindowBudget("per-operator", window, () => connection, clock, 100, NullLogger.Instance);
        var callers = held;
        Assert.True(perOperator.TryTake(caller, ref held, out _));
        Assert.NotSame(callers, held);
    }

    public void Dispose() => _redis.Dispose();

    // The first block's INCRBY has been answered in Redis, and its answer taken by the lease a moment later.
    private static async Task ReservedAsync(ConnectionMultiplexer connection, string caller, TimeProvider clock)
    {
        var counter = $"accountapi:ratelimit:per-caller:{caller}:{clock.GetUtcNow().UtcTicks / TimeSpan.FromMinutes(1).Ticks}";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((long?)await connection.GetDatabase().StringGetAsync(counter) is not > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The lease's first block was not reserved in Redis within 10 s.");
            await Task.Delay(10);
        }

        await Task.Delay(100);
    }
}
