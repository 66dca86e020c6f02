using System.Net;
using AccountApi.Revocation;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using AccountApi.Tests.Revocation;
using Microsoft.AspNetCore.Mvc.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.RateLimiting;

/// <summary>
/// Two instances sharing one real Redis server (the revocation store's): a caller's budget holds across them, so
/// alternating instances does not double it; with Redis gone each falls back to its own limits and says so.
/// </summary>
public sealed class SharedRateLimitTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>, IDisposable
{
    // Blocks of a tenth: the fleet may overshoot by one block (10 permits) an instance. Blocks of 10, not 2: an instance
    // asks for its next block when half of one is left, and with blocks of 2 a reservation still in flight on a loaded
    // machine (the whole suite running) left an instance without permits for a request, below the lower bound.
    private const int Limit = 100;
    private const int Block = Limit / 10;

    private readonly RedisServer _redis = new();

    [RedisFact]
    public async Task ACallerAlternatingInstances_GetsTheBudgetOnce_NotOncePerInstance()
    {
        using var a = Instance();
        using var b = Instance();
        // Both sharing through Redis before the first request: an instance still connecting counts on its own (a busy
        // machine once admitted more than the fleet's bound that way).
        await SharingAsync(a);
        await SharingAsync(b);
        // One token, one caller, sent to either instance.
        var token = factory.Authority.Sign(ContosoUser);
        using var viaA = WebApplicationFactoryExtensions.CreateClient(a, token, "contoso");
        using var viaB = WebApplicationFactoryExtensions.CreateClient(b, token, "contoso");

        var admitted = 0;
        for (var i = 0; i < 3 * Limit; i++)
        {
            using var response = await (i % 2 == 0 ? viaA : viaB).GetAsync("/account/me");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                admitted++;
            }
            else
            {
                await ProblemAssert.RateLimitedAsync(response);
            }
        }

        // Each instance alone would admit the whole budget (200 between them).
        Assert.InRange(admitted, Limit - (2 * Block), Limit + (2 * Block));
    }

    [RedisFact]
    public async Task RedisGone_EachInstanceFallsBackToItsOwnLimit_AndReadinessSaysSo()
    {
        using var a = Instance();
        using var viaA = CreateClient(a, factory.Authority, ContosoUser, "contoso");
        _redis.Stop();
        using var probe = a.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await (await probe.GetAsync("/health/ready")).Content.ReadAsStringAsync() != "Degraded")
        {
            Assert.True(DateTime.UtcNow < deadline, "The instance did not notice that Redis is gone within 10 s.");
            await Task.Delay(50);
        }

        var admitted = 0;
        for (var i = 0; i < 2 * Limit; i++)
        {
            using var response = await viaA.GetAsync("/account/me");
            admitted += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        // The instance's own budget, whole: never more, and the caller is not refused for want of Redis.
        Assert.Equal(Limit, admitted);
    }

    public void Dispose() => _redis.Dispose();

    private static async Task SharingAsync(WebApplicationFactory<Program> instance)
    {
        using var probe = instance.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await (await probe.GetAsync("/health/ready")).Content.ReadAsStringAsync() != "Healthy")
        {
            Assert.True(DateTime.UtcNow < deadline, "The instance was not sharing through Redis within 10 s.");
            await Task.Delay(20);
        }
    }

    private WebApplicationFactory<Program> Instance()
    {
        var instance = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting($"{RevocationOptions.SectionName}:{nameof(RevocationOptions.Redis)}", _redis.ConnectionString);
            // Shared windows are aligned to the clock (every instance names them alike): a day, so that the test does not
            // cross one's end but at midnight; revocations may be stale once Redis is gone.
            builder.UseSetting("RateLimits:PerCaller:PermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimits:PerCaller:Window", "1.00:00:00");
            builder.UseSetting($"{RevocationOptions.SectionName}:{nameof(RevocationOptions.MaxStaleness)}", "00:05:00");
        });
        _ = instance.Server;
        return instance;
    }
}
