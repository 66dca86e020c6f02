using AccountApi.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace AccountApi.Tests.RateLimiting;

/// <summary>
/// The lock-free counters under contention: every permit granted once, none lost, idle partitions dropped, whether a
/// request looks its partition up or holds it.
/// </summary>
public sealed class FixedWindowBudgetTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 4, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task ManyThreadsOnOnePartition_AreGrantedExactlyTheLimit_InEachWindow()
    {
        var clock = new FakeTimeProvider(s_start);
        using var budget = new FixedWindowBudget<string>(new RateLimitWindow { PermitLimit = 10_000, Window = TimeSpan.FromMinutes(1) }, clock, 100);

        for (var window = 0; window < 3; window++)
        {
            var granted = await TakeConcurrentlyAsync(budget, threads: 8, attempts: 5_000, key: _ => "caller");

            Assert.Equal(10_000, granted);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task TheSweepRunningAmongTheTakes_NeverGrantsAPermitTwice()
    {
        var clock = new FakeTimeProvider(s_start);
        using var budget = new FixedWindowBudget<int>(new RateLimitWindow { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) }, clock, 1_000);

        // Every partition's window has closed: a sweep may retire a counter while the threads take from it.
        await TakeConcurrentlyAsync(budget, threads: 1, attempts: 50, key: i => i);
        clock.Advance(TimeSpan.FromSeconds(61));
        using var sweeping = new CancellationTokenSource();
        var sweeper = Task.Run(() =>
        {
            while (!sweeping.IsCancellationRequested)
            {
                budget.Sweep();
            }
        });

        var granted = await TakeConcurrentlyAsync(budget, threads: 8, attempts: 5_000, key: i => i % 50);
        await sweeping.CancelAsync();
        await sweeper;

        // 50 partitions, each at most 100 in this window, and no thread took less than its share could.
        Assert.Equal(50 * 100, granted);
    }

    [Fact]
    public void ASpentPartition_SaysWhenItsWindowEnds_AndTheNextWindowAdmitsAgain()
    {
        var clock = new FakeTimeProvider(s_start);
        using var budget = new FixedWindowBudget<string>(new RateLimitWindow { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) }, clock, 100);

        Assert.True(budget.TryTake("a", out _));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(budget.TryTake("a", out _));
        Assert.False(budget.TryTake("a", out var retryAfter));
        Assert.True(budget.TryTake("b", out _));

        // The window opened with a's first request, 20 s ago: never renewed early by a boundary of the clock.
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        clock.Advance(retryAfter - TimeSpan.FromMilliseconds(10));
        Assert.False(budget.TryTake("a", out _));
        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(budget.TryTake("a", out _));
    }

    [Fact]
    public void IdlePartitions_AreDropped_AndPastTheBoundANewOneIsRefused()
    {
        var clock = new FakeTimeProvider(s_start);
        using var budget = new FixedWindowBudget<int>(new RateLimitWindow { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) }, clock, 3);

        Assert.True(budget.TryTake(1, out _) && budget.TryTake(2, out _) && budget.TryTake(3, out _));
        Assert.False(budget.TryTake(4, out _));
        Assert.True(budget.TryTake(1, out _));

        // The timer's sweep after a whole window: every partition idle since the last one is gone.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, budget.Partitions);
        Assert.True(budget.TryTake(4, out _));
    }

    [Fact]
    public void AHeldPartition_IsTheKeysOwn_UntilTheSweepDropsIt_ThenItsSuccessorIsHeld()
    {
        var clock = new FakeTimeProvider(s_start);
        using var budget = new FixedWindowBudget<string>(new RateLimitWindow { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) }, clock, 100);
        object? held = null;

        Assert.True(budget.TryTake("caller", ref held, out _));
        var first = held;
        Assert.NotNull(first);
        // One budget, whether a request holds the partition or looks it up.
        Assert.True(budget.TryTake("caller", out _));
        Assert.False(budget.TryTake("caller", ref held, out _));
        Assert.Same(first, held);

        // Idle for a whole window: the sweep drops the partition; the holder takes from the new one and holds that.
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, budget.Partitions);
        Assert.True(budget.TryTake("caller", ref held, out _));
        Assert.NotSame(first, held);
        Assert.Equal(1, budget.Partitions);
        Assert.True(budget.TryTake("caller", out _));
        Assert.False(budget.TryTake("caller", ref held, out _));
    }

    [Fact]
    public void APartitionHeldForAnotherBudget_IsNotSpent_TheKeyIsLookedUpInThisOne()
    {
        var clock = new FakeTimeProvider(s_start);
        var window = new RateLimitWindow { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) };
        using var perCaller = new FixedWindowBudget<string>(window, clock, 100);
        using var perOperator = new FixedWindowBudget<string>(window, clock, 100);
        object? held = null;

        Assert.True(perCaller.TryTake("caller", ref held, out _));
        var callers = held;
        Assert.True(perOperator.TryTake("caller", ref held, out _));

        Assert.NotSame(callers, held);
        Assert.False(perOperator.TryTake("caller", out _));
        Assert.False(perCaller.TryTake("caller", out _));
    }

    [Fact]
    public async Task HoldersSharingPartitions_WhileTheSweepDropsThem_AreGrantedExactlyTheLimit()
    {
        var clock = new FakeTimeProvider(s_start);
        using var budget = new FixedWindowBudget<int>(new RateLimitWindow { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) }, clock, 1_000);
        // One holder a key, as one cached token's facts are shared by every request presenting it.
        var held = new object?[50];
        for (var key = 0; key < held.Length; key++)
        {
            budget.TryTake(key, ref held[key], out _);
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        using var sweeping = new CancellationTokenSource();
        var sweeper = Task.Run(() =>
        {
            while (!sweeping.IsCancellationRequested)
            {
                budget.Sweep();
            }
        });

        var granted = 0;
        using var start = new Barrier(8);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 5_000; i++)
            {
                var key = ((thread * 5_000) + i) % held.Length;
                if (budget.TryTake(key, ref held[key], out _))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        }, TaskCreationOptions.LongRunning)));
        await sweeping.CancelAsync();
        await sweeper;

        Assert.Equal(50 * 100, granted);
    }

    private static async Task<int> TakeConcurrentlyAsync<TKey>(FixedWindowBudget<TKey> budget, int threads, int attempts, Func<int, TKey> key)
        where TKey : notnull
    {
        var granted = 0;
        using var start = new Barrier(threads);
        await Task.WhenAll(Enumerable.Range(0, threads).Select(thread => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < attempts; i++)
            {
                if (budget.TryTake(key((thread * attempts) + i), out _))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        }, TaskCreationOptions.LongRunning)));
        return granted;
    }
}
