using System.Security.Claims;
using AccountApi.Authentication;
using AccountApi.Revocation;
using AccountApi.TokenCache;
using Microsoft.Extensions.Time.Testing;

namespace AccountApi.Tests.TokenCache;

/// <summary>
/// The cache's storage on its own: found only by the exact text, never above its byte budget however many threads add
/// at once, and compacted by expiry first, then by what was not hit since the last compaction.
/// </summary>
public sealed class TokenTableTests
{
    private const long Charge = 1_000;

    private static readonly DateTimeOffset s_start = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AToken_IsFoundByItsExactTextOnly()
    {
        var table = new TokenTable(10 * Charge, new FakeTimeProvider(s_start));
        var token = Token(1);
        var entry = Entry(s_start.AddHours(1));
        Assert.True(table.TryAdd(token, entry));

        Assert.Same(entry, table.Find(token));
        Assert.Same(entry, table.Find(("Bearer " + token).AsSpan(7)));
        Assert.Null(table.Find(token.AsSpan(0, token.Length - 1)));
        Assert.Null(table.Find(token + "A"));
        Assert.Null(table.Find(string.Concat(token.AsSpan(0, 40), token[40] == 'A' ? "B" : "A", token.AsSpan(41))));
        // The same letters widened past ASCII are not the token (a narrowing that dropped the high byte would say they were).
        Assert.Null(table.Find(string.Concat(token.AsSpan(0, 40), ((char)(token[40] + 0x100)).ToString(), token.AsSpan(41))));
        Assert.Null(table.Find(""));
    }

    [Fact]
    public void ATokenLongerThanTheStackBuffer_IsFoundToo()
    {
        var table = new TokenTable(100 * Charge, new FakeTimeProvider(s_start));
        var token = Token(1) + new string('x', 10_000);
        var entry = Entry(s_start.AddHours(1));
        Assert.True(table.TryAdd(token, entry));

        Assert.Same(entry, table.Find(token));
        Assert.Null(table.Find(token[..^1] + "y"));
    }

    [Fact]
    public void NonAsciiText_IsNeverAdded()
    {
        var table = new TokenTable(10 * Charge, new FakeTimeProvider(s_start));

        Assert.False(table.TryAdd(Token(1) + "é", Entry(s_start.AddHours(1))));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public async Task ManyThreadsAdding_NeverHoldMoreThanTheBudget()
    {
        var table = new TokenTable(50 * Charge, new FakeTimeProvider(s_start));
        var highest = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                table.TryAdd(Token((thread * 10_000) + i), Entry(s_start.AddHours(1)));
                InterlockedMax(ref highest, table.Count);
            }
        })));

        Assert.InRange(highest, 1, 50);
        Assert.InRange(table.Count, 1, 50);
    }

    [Fact]
    public async Task CompactionsAmongHitsAndAdds_NeverFail_NorLetTheTableExceedItsBudget()
    {
        // Hits set their marks while a compaction sorts by them (it must sort what it read, not what changes under it),
        // and entries leave while others arrive: the count once ran one ahead when an add took the bytes of an entry
        // removed but not yet counted out.
        var table = new TokenTable(200 * Charge, new FakeTimeProvider(s_start));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var compactions = 0;
        var compactor = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                table.Compact();
                compactions++;
            }
        });
        var workers = Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var number = (thread * 1_000_000) + (i % 1_000);
                table.TryAdd(Token(number), Entry(s_start.AddMinutes(1 + (i % 50))));
                table.Find(Token(number - 1));
                Assert.InRange(table.Count, 0, 200);
            }
        })).ToList();

        await Task.WhenAll([compactor, .. workers]);

        Assert.True(compactions > 0);
        Assert.InRange(table.Count, 0, 200);
    }

    [Fact]
    public void Compaction_RemovesExpiredEntries_AndNothingElseBelowNineTenthsOfTheBudget()
    {
        var clock = new FakeTimeProvider(s_start);
        var table = new TokenTable(10 * Charge, clock);
        for (var i = 0; i < 10; i++)
        {
            // Two expire in the first minute.
            Assert.True(table.TryAdd(Token(i), Entry(s_start.AddMinutes(i < 2 ? 1 : 10))));
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        table.Compact();

        Assert.Equal(8, table.Count);
        Assert.Null(table.Find(Token(0)));
        Assert.Null(table.Find(Token(1)));
    }

    [Fact]
    public void Compaction_AboveNineTenths_RemovesEntriesNotHitSinceTheLast_SoonestToExpireFirst()
    {
        var table = new TokenTable(10 * Charge, new FakeTimeProvider(s_start));
        // The hit ones expire soonest: being used counts for more than expiring late.
        var hit = Enumerable.Range(0, 4).Select(i => (Token: Token(i), Entry: Entry(s_start.AddMinutes(5 + i)))).ToList();
        var notHit = Enumerable.Range(4, 6).Select(i => (Token: Token(i), Entry: Entry(s_start.AddMinutes(20 - i)))).ToList();
        foreach (var (token, entry) in hit.Concat(notHit))
        {
            Assert.True(table.TryAdd(token, entry));
        }

        foreach (var (token, _) in hit)
        {
            Assert.NotNull(table.Find(token));
        }

        // Full: the eleventh does not fit.
        Assert.False(table.TryAdd(Token(99), Entry(s_start.AddHours(1))));
        table.Compact();

        // Nine tenths is nine entries: the one that goes is the not-hit entry expiring soonest (Token(9), at 11 minutes).
        Assert.Equal(9, table.Count);
        Assert.Null(table.Find(Token(9)));
        Assert.All(hit.Concat(notHit.SkipLast(1)), pair => Assert.Same(pair.Entry, table.Find(pair.Token)));
    }

    [Fact]
    public void Compaction_GivesAHitEntryOneChance_NotTwo()
    {
        var clock = new FakeTimeProvider(s_start);
        var table = new TokenTable(2 * Charge, clock);
        table.TryAdd(Token(1), Entry(s_start.AddMinutes(5)));
        table.TryAdd(Token(2), Entry(s_start.AddMinutes(10)));
        table.Find(Token(1));

        table.Compact();
        // Only the entry not hit went (a Find of the kept one here would mark it again).
        Assert.Null(table.Find(Token(2)));
        Assert.Equal(1, table.Count);

        // The compaction cleared the mark: with no hit since, it is now the one that goes.
        table.TryAdd(Token(3), Entry(s_start.AddMinutes(20)));
        table.Compact();
        Assert.Null(table.Find(Token(1)));
        Assert.NotNull(table.Find(Token(3)));
    }

    [Fact]
    public void Remove_TakesOnlyTheEntryItWasGiven()
    {
        var table = new TokenTable(10 * Charge, new FakeTimeProvider(s_start));
        var stale = Entry(s_start.AddHours(1));
        table.TryAdd(Token(1), stale);
        Assert.True(table.Remove(stale));
        var fresh = Entry(s_start.AddHours(1));
        table.TryAdd(Token(1), fresh);

        Assert.False(table.Remove(stale));
        Assert.Same(fresh, table.Find(Token(1)));
    }

    // Token-shaped ASCII text, distinct for each number.
    private static string Token(int number) =>
        $"eyJhbGciOiJSUzI1NiJ9.eyJudW1iZXIiOi{number:D8}In0.{new string('s', 300)}{number:D8}";

    private static CachedToken Entry(DateTimeOffset notAfter) =>
        new(ReadOnlyClaimsPrincipal.CopyOf(new ClaimsPrincipal(new ClaimsIdentity([], "test")))!, notAfter, "digest", new RevocationSubject(Guid.NewGuid(), Guid.NewGuid()), s_start, "kid:thumbprint", Charge);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
