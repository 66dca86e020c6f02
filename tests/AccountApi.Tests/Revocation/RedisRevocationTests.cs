using System.Net;
using System.Text.Json;
using AccountApi.Logging;
using AccountApi.Revocation;
using AccountApi.RevocationRoutes;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Revocation;

/// <summary>
/// Two instances of the service (two hosts) sharing one real Redis server: what one
/// revokes, the other refuses within a second; a server that goes away and comes back loses nothing.
/// </summary>
public sealed class RedisRevocationTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>, IDisposable
{
    private static readonly TimeSpan s_propagation = TimeSpan.FromSeconds(1);
    private readonly RedisServer _redis = new();

    [RedisFact]
    public async Task UserRevokesOnA_BRefusesTheOldTokenWithinASecond_AndAcceptsANewOne()
    {
        using var a = Instance();
        using var b = Instance();
        var alice = ContosoUser;
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(b, alice)).StatusCode);

        using var revoke = await PostAsync(a, "/account/me/sessions/revoke", alice, "contoso");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await EventuallyAsync(async () => (await GetMeAsync(b, alice)).StatusCode == HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(b, alice with { IssuedAt = DateTimeOffset.UtcNow.AddSeconds(4) })).StatusCode);
    }

    [RedisFact]
    public async Task OperatorRevokesOnB_ARefusesTheUsersTokenWithinASecond()
    {
        using var a = Instance();
        using var b = Instance();
        var alice = ContosoUser;
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(a, alice)).StatusCode);

        using var revoke = await PostAsync(b, $"/admin/directories/{ContosoDirectory}/users/{alice.ObjectId}/revoke", Operator(), tenancy: null);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await EventuallyAsync(async () => (await GetMeAsync(a, alice)).StatusCode == HttpStatusCode.Forbidden);
    }

    [RedisFact]
    public async Task InstanceStartedLater_LoadsTheRevocationsAlreadyInRedis()
    {
        using var a = Instance();
        var alice = ContosoUser;
        using var revoke = await PostAsync(a, "/account/me/sessions/revoke", alice, "contoso");

        using var late = Instance();

        Assert.Equal(HttpStatusCode.Forbidden, (await GetMeAsync(late, alice)).StatusCode);
    }

    [RedisFact]
    public async Task RedisStoppedAndStarted_NoRevocationIsLost_AndOnlyTheRevocationWithNowhereToGoIs5xx()
    {
        // A bound longer than the test's outage: within it the last copy is served from, and the instance is Degraded.
        using var a = Instance();
        using var b = Instance(maxStaleness: TimeSpan.FromMinutes(1));
        var alice = ContosoUser;
        var carol = ContosoUser;
        using var before = await PostAsync(a, "/account/me/sessions/revoke", alice, "contoso");
        // Not a test of the propagation time (the tests above are): a loaded machine gets a few seconds.
        await EventuallyAsync(async () => (await GetMeAsync(b, alice)).StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(5));

        _redis.Stop();
        await EventuallyAsync(async () => await ReadyAsync(b) == "Degraded", TimeSpan.FromSeconds(10));

        // The last copy is still enforced, valid tokens still work, and a revocation is refused rather than dropped.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetMeAsync(b, alice)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(b, carol)).StatusCode);
        using var during = await PostAsync(b, "/account/me/sessions/revoke", carol, "contoso");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.NotNull(during.Headers.RetryAfter);

        // A server that comes back empty: the instances write back what they hold and reload; a third instance sees it all.
        _redis.Start();
        await EventuallyAsync(async () => await ReadyAsync(a) == "Healthy" && await ReadyAsync(b) == "Healthy", TimeSpan.FromSeconds(15));
        using var late = Instance();
        await EventuallyAsync(async () => (await GetMeAsync(late, alice)).StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Forbidden, (await GetMeAsync(a, alice)).StatusCode);

        // Revocations flow again. Not with carol's token: b took her revocation during the outage (answered 503, so her
        // client retries) and whether a already holds it depends on whether a reloaded before b wrote it back.
        var dave = ContosoUser;
        using var after = await PostAsync(a, "/account/me/sessions/revoke", dave, "contoso");
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
        await EventuallyAsync(async () => (await GetMeAsync(b, dave)).StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(5));
    }

    [RedisTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InstanceThatLosesRedis_Answers503PastTheBound_AndWhenBackRefusesWhatWasRevokedMeanwhile(bool silently)
    {
        // Cut: every connection drops and new ones are refused. Silently: the subscription's socket stays open and
        // delivers nothing, so no error tells the client; only its heartbeats' silence does.
        using var proxy = new LoopbackTcpProxy(_redis.Port);
        using var a = Instance();
        // A bound short enough for a test, long enough that a busy CI machine's stalls do not cross it once b is back.
        using var b = Instance(proxy.ConnectionString, TimeSpan.FromSeconds(3));
        var alice = ContosoUser;
        var carol = ContosoUser;
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(b, alice)).StatusCode);

        if (silently)
        {
            proxy.HoldSubscriptions();
        }
        else
        {
            proxy.Cut();
        }

        using var revoke = await PostAsync(a, "/account/me/sessions/revoke", alice, "contoso");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        // b cannot know of it: past the bound it serves no token at all, and tells the load balancer to take it out.
        await EventuallyAsync(async () => (await GetMeAsync(b, alice)).StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
        await AssertRevocationUnavailableAsync(await GetMeAsync(b, carol));
        Assert.StartsWith("Unhealthy", await ReadyAsync(b), StringComparison.Ordinal);
        Assert.Equal(silently, b.Services.GetRequiredService<RedisTokenRevocationStore>().IsConnected);

        // Back: b re-reads what it missed, and refuses alice's token whether or not the announcement reached it.
        proxy.Restore();
        // Ready again only once caught up, so from then on alice is refused and carol, never revoked, is served.
        await EventuallyAsync(async () => await ReadyAsync(b) == "Healthy", TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Forbidden, (await GetMeAsync(b, alice)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(b, carol)).StatusCode);
    }

    [RedisFact]
    public async Task BadEntriesInRedis_AreSkippedAndLogged_AndTheInstanceStartsAndServes()
    {
        using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            var database = redis.GetDatabase();
            // The end of time: arithmetic on it overflowed and stopped every new instance.
            await database.StringSetAsync(RevocationMessage.KeyPrefix + "t:a", "t a 253402300799");
            await database.StringSetAsync(RevocationMessage.KeyPrefix + "s:far", $"s {ContosoDirectory} {Guid.NewGuid()} 253402300799");
            await database.StringSetAsync(RevocationMessage.KeyPrefix + "junk", "not\na revocation");
            await database.HashSetAsync(RevocationMessage.KeyPrefix + "hash", "field", "value");
        }

        using var instance = Instance(configure: builder => builder.ConfigureLogging(logging => logging.AddFakeLogging()));

        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(instance, ContosoUser)).StatusCode);
        Assert.Equal("Healthy", await ReadyAsync(instance));
        var ignored = instance.Services.GetFakeLogCollector().GetSnapshot().Where(record => record.Id.Id == EventIds.MalformedRevocation).ToList();
        Assert.Equal(4, ignored.Count);
        Assert.Contains(ignored, record => record.Message.Contains("253402300799", StringComparison.Ordinal));
        Assert.All(ignored, record => Assert.DoesNotContain('\n', record.Message));
    }

    [RedisFact]
    public async Task RevokingOneSubjectAgainAndAgain_HoldsOneKeyInRedis_WithTheLaterCutOff()
    {
        using var a = Instance();
        var alice = ContosoUser;
        (DateTimeOffset From, DateTimeOffset To) last = default;
        for (var i = 0; i < 3; i++)
        {
            var sent = DateTimeOffset.UtcNow;
            using var revoke = await PostAsync(a, "/account/me/sessions/revoke", alice with { IssuedAt = DateTimeOffset.UtcNow.AddSeconds(10 * i) }, "contoso");
            last = (sent, DateTimeOffset.UtcNow);
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
            await Task.Delay(1100);
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        var keys = redis.GetServers().Single().Keys(pattern: $"{RevocationMessage.KeyPrefix}s:*").ToList();
        var key = Assert.Single(keys);
        var held = RevocationMessage.Parse(await redis.GetDatabase().StringGetAsync(key))!;
        // The last revocation's cut-off, set while its request was under way; each earlier one's is at least a second
        // before it. (Measured against the request, not against the clock after the check: a busy machine spent 1.5 s
        // connecting and scanning once.)
        Assert.InRange(held.Instant, SubjectRevoker.CutOffAt(last.From), SubjectRevoker.CutOffAt(last.To));
    }

    [RedisFact]
    public async Task InstanceStartedWhileRedisIsDown_IsNotReady_UntilItHasLoadedTheRevocations()
    {
        using var a = Instance();
        var alice = ContosoUser;
        using var revoke = await PostAsync(a, "/account/me/sessions/revoke", alice, "contoso");
        _redis.Stop();

        using var late = Instance(ready: false);

        // It knows no shared revocation yet: an orchestrator must not send it traffic.
        Assert.Contains("Unhealthy", await ReadyAsync(late), StringComparison.Ordinal);
        _redis.Start();
        await EventuallyAsync(async () => await ReadyAsync(late) == "Healthy", TimeSpan.FromSeconds(15));
        // The server came back empty; the first instance wrote its copy back, so the late one refuses alice too.
        await EventuallyAsync(async () => (await GetMeAsync(late, alice)).StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(15));
    }

    [RedisFact]
    public void InstanceWithRedis_UsesTheSharedStore()
    {
        using var a = Instance();

        Assert.IsType<RedisTokenRevocationStore>(a.Services.GetRequiredService<ITokenRevocationStore>());
    }

    public void Dispose() => _redis.Dispose();

    private WebApplicationFactory<Program> Instance(
        string? redis = null, TimeSpan? maxStaleness = null, Action<IWebHostBuilder>? configure = null, bool ready = true)
    {
        var instance = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting($"{RevocationOptions.SectionName}:{nameof(RevocationOptions.Redis)}", redis ?? _redis.ConnectionString);
            if (maxStaleness is { } bound)
            {
                builder.UseSetting($"{RevocationOptions.SectionName}:{nameof(RevocationOptions.MaxStaleness)}", bound.ToString());
            }

            configure?.Invoke(builder);
        });
        _ = instance.Server; // started now, so its set is loaded before the test goes on
        if (ready)
        {
            // As a load balancer does: no traffic before readiness. On a busy machine the first connection to Redis can
            // fail at start; the instance then answers 503 until a heartbeat's retry has loaded the revocations.
            EventuallyAsync(async () => await ReadyAsync(instance) == "Healthy", TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        }

        return instance;
    }

    private static async Task AssertRevocationUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("revocation_unavailable", problem.RootElement.GetProperty("error").GetString());
    }

    private static TestAccessToken Operator() =>
        TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, RevocationOptions.OperatorRole);

    private async Task<HttpResponseMessage> GetMeAsync(WebApplicationFactory<Program> instance, TestAccessToken token)
    {
        using var client = CreateClient(instance, factory.Authority, token, "contoso");
        return await client.GetAsync("/account/me");
    }

    private async Task<HttpResponseMessage> PostAsync(WebApplicationFactory<Program> instance, string path, TestAccessToken token, string? tenancy)
    {
        using var client = CreateClient(instance, factory.Authority, token, tenancy);
        return await client.PostAsync(path, content: null);
    }

    private static async Task<string> ReadyAsync(WebApplicationFactory<Program> instance)
    {
        using var client = instance.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? s_propagation);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Not true within {within ?? s_propagation}.");
            await Task.Delay(25);
        }
    }
}
