using System.Diagnostics.Metrics;
using AccountApi.Entra;
using AccountApi.Logging;
using AccountApi.Revocation;
using AccountApi.RevocationRoutes;
using AccountApi.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccountApi.Tests.Revocation;

public sealed class TokenRevocationStoreTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly RevocationSubject s_alice = new(Guid.NewGuid(), Guid.NewGuid());
    private static readonly TimeSpan s_maxTokenLifetime = TimeSpan.FromMinutes(90);

    [Fact]
    public async Task RevokedToken_StaysRevokedThroughTheClockSkewAfterItsExpiry()
    {
        var clock = new FakeTimeProvider(s_start);
        using var store = NewStore(clock);
        await store.RevokeTokenAsync("digest-1", expiresAt: s_start.AddMinutes(10), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(11)); // expired, but JwtBearer still accepts it within the skew

        Assert.Equal(new TokenRevocation(TokenRevocationKind.Token), store.Find("digest-1", s_alice, s_start));
    }

    [Fact]
    public async Task RevokedToken_IsForgottenOnceJwtBearerWouldRefuseItAsExpired()
    {
        var clock = new FakeTimeProvider(s_start);
        using var store = NewStore(clock);
        await store.RevokeTokenAsync("digest-1", expiresAt: s_start.AddMinutes(10), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(10) + TokenClock.Skew + TimeSpan.FromSeconds(1));

        Assert.Null(store.Find("digest-1", s_alice, s_start));
    }

    [Fact]
    public async Task OtherTokens_AreNotRevoked()
    {
        using var store = NewStore(new FakeTimeProvider(s_start));
        await store.RevokeTokenAsync("digest-1", s_start.AddMinutes(10), CancellationToken.None);

        Assert.Null(store.Find("digest-2", s_alice, s_start));
    }

    [Fact]
    public async Task CutOff_RefusesTheSubjectsTokensIssuedBeforeIt_AndNoOthers()
    {
        using var store = NewStore(new FakeTimeProvider(s_start));
        var cutOff = s_start.AddMinutes(5);
        await store.RevokeSubjectAsync(s_alice, cutOff, CancellationToken.None);

        Assert.Equal(new TokenRevocation(TokenRevocationKind.Subject, cutOff), store.Find("any", s_alice, cutOff.AddSeconds(-1)));
        Assert.Null(store.Find("any", s_alice, cutOff));
        Assert.Null(store.Find("any", s_alice with { ObjectId = Guid.NewGuid() }, s_start));
        Assert.Null(store.Find("any", s_alice with { DirectoryId = Guid.NewGuid() }, s_start));
    }

    [Fact]
    public async Task EarlierCutOff_DoesNotWeakenALaterOne()
    {
        using var store = NewStore(new FakeTimeProvider(s_start));
        await store.RevokeSubjectAsync(s_alice, s_start.AddMinutes(5), CancellationToken.None);
        await store.RevokeSubjectAsync(s_alice, s_start, CancellationToken.None);

        Assert.NotNull(store.Find("any", s_alice, s_start.AddMinutes(1)));
    }

    [Fact]
    public async Task CutOff_IsForgottenOnceEveryTokenItRefusesHasExpired()
    {
        var clock = new FakeTimeProvider(s_start);
        using var store = NewStore(clock);
        await store.RevokeSubjectAsync(s_alice, s_start, CancellationToken.None);

        clock.Advance(s_maxTokenLifetime); // a token issued just before the cut-off is still within its skew
        Assert.NotNull(store.Find("any", s_alice, s_start.AddSeconds(-1)));

        clock.Advance(TokenClock.Skew + TimeSpan.FromSeconds(1));
        Assert.Null(store.Find("any", s_alice, s_start.AddSeconds(-1)));
    }

    [Fact]
    public async Task ManyRevocations_AreDroppedFromMemoryAsTheyExpire()
    {
        var clock = new FakeTimeProvider(s_start);
        using var store = NewStore(clock);

        // An hour of traffic: every minute 100 refreshes (one-hour tokens revoked by digest) and 10 users signing out.
        for (var minute = 0; minute < 60; minute++)
        {
            for (var i = 0; i < 100; i++)
            {
                await store.RevokeTokenAsync($"digest-{minute}-{i}", clock.GetUtcNow().AddHours(1), CancellationToken.None);
            }

            for (var i = 0; i < 10; i++)
            {
                await store.RevokeSubjectAsync(new RevocationSubject(Guid.NewGuid(), Guid.NewGuid()), clock.GetUtcNow(), CancellationToken.None);
            }

            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var peak = store.Count;
        Assert.Equal(60 * 110, peak);

        // No more revocations: the sweep alone lets the store shrink, to nothing once the last cut-off is past.
        clock.Advance(TimeSpan.FromMinutes(30));
        var later = store.Count;
        clock.Advance(s_maxTokenLifetime);

        Assert.InRange(later, 1, peak - 1);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task FullStore_RefusesANewRevocation_AndWarnsOnceWhenNearlyFull()
    {
        var logger = new FakeLogger<InMemoryTokenRevocationStore>();
        using var store = NewStore(new FakeTimeProvider(s_start), maxEntries: 1_000, logger);

        for (var i = 0; i < 1_000; i++)
        {
            await store.RevokeSubjectAsync(new RevocationSubject(Guid.NewGuid(), Guid.NewGuid()), s_start, CancellationToken.None);
        }

        await Assert.ThrowsAsync<RevocationUnavailableException>(async () =>
            await store.RevokeSubjectAsync(s_alice, s_start, CancellationToken.None));
        Assert.Equal(1_000, store.Count);
        Assert.Null(store.Find("any", s_alice, s_start.AddSeconds(-1)));
        Assert.Single(logger.Collector.GetSnapshot(), record => record.Id.Id == EventIds.RevocationsNearlyFull);
    }

    [Fact]
    public async Task TokenExpiringAtTheEndOfTime_IsRevokedWithoutOverflow()
    {
        using var store = NewStore(new FakeTimeProvider(s_start));

        await store.RevokeTokenAsync("digest-1", DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.NotNull(store.Find("digest-1", s_alice, s_start));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-60, true)]
    [InlineData(92, true)]
    [InlineData(93, false)]
    [InlineData(-93, false)]
    public void OnlyInstantsWithinTheLongestTokenLifetimeOfNow_ArePlausible(int minutesFromNow, bool plausible)
    {
        // 90 minutes of token lifetime and 2 of skew either side of now.
        using var set = new RevocationSet(new FakeTimeProvider(s_start), new RevocationOptions { MaxTokenLifetime = s_maxTokenLifetime });

        Assert.Equal(plausible, set.IsPlausible(s_start.AddMinutes(minutesFromNow)));
    }

    [Fact]
    public void CutOff_AllowsForAnAuthorityClockAheadOfOurs()
    {
        // A token minted just before the revocation by a clock up to two seconds ahead has an iat after our now.
        var now = s_start.AddMilliseconds(999);
        var mintedJustBefore = now.AddSeconds(2);

        var cutOff = SubjectRevoker.CutOffAt(now);

        Assert.True(mintedJustBefore < cutOff);
        Assert.Equal(0, cutOff.Millisecond);
        Assert.InRange(cutOff - now, SubjectRevoker.ClockAllowance, SubjectRevoker.ClockAllowance + TimeSpan.FromSeconds(1));
    }

    private static InMemoryTokenRevocationStore NewStore(TimeProvider clock, int maxEntries = 1_000_000, ILogger<InMemoryTokenRevocationStore>? logger = null) => new(
        clock,
        Options.Create(new RevocationOptions { MaxTokenLifetime = s_maxTokenLifetime, MaxEntries = maxEntries }),
        new AccountMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), Options.Create(new TelemetryOptions())),
        logger ?? NullLogger<InMemoryTokenRevocationStore>.Instance);
}
