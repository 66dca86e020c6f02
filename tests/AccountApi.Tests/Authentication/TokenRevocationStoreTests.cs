using System.Diagnostics.Metrics;
using AccountApi.Authentication;
using AccountApi.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccountApi.Tests.Authentication;

public sealed class TokenRevocationStoreTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RevokedToken_StaysRevokedThroughTheClockSkewAfterItsExpiry()
    {
        var clock = new FakeTimeProvider(s_start);
        var store = NewStore(clock);
        await store.RevokeAsync("uti-1", expiresAt: s_start.AddMinutes(10), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(11)); // expired, but JwtBearer still accepts it within the skew

        Assert.True(await store.IsRevokedAsync("uti-1", CancellationToken.None));
    }

    [Fact]
    public async Task RevokedToken_IsForgottenOnceJwtBearerWouldRefuseItAsExpired()
    {
        var clock = new FakeTimeProvider(s_start);
        var store = NewStore(clock);
        await store.RevokeAsync("uti-1", expiresAt: s_start.AddMinutes(10), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(10) + ConfigureEntraIdJwtBearer.ClockSkew + TimeSpan.FromSeconds(1));

        Assert.False(await store.IsRevokedAsync("uti-1", CancellationToken.None));
    }

    [Fact]
    public async Task OtherTokens_AreNotRevoked()
    {
        var store = NewStore(new FakeTimeProvider(s_start));
        await store.RevokeAsync("uti-1", s_start.AddMinutes(10), CancellationToken.None);

        Assert.False(await store.IsRevokedAsync("uti-2", CancellationToken.None));
    }

    private static InMemoryTokenRevocationStore NewStore(TimeProvider clock) =>
        new(clock, new AccountMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), Options.Create(new TelemetryOptions())));
}
