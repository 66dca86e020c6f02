using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.TenancyRegistry;

/// <summary>
/// Instances sharing one real PostgreSQL server (a throw-away cluster per test): changes in force everywhere within a
/// second through LISTEN/NOTIFY, the server stopped and started under traffic, and operators racing with ETags.
/// </summary>
public sealed class PostgresRegistryTests(ITestOutputHelper output) : IDisposable
{
    private readonly AccountApiFactory _factory = new();
    private readonly PostgresServer _postgres = new();

    [PostgresFact]
    public async Task AChangeOnOneInstance_IsInForceOnTheOtherWithinASecond_ThroughNotifications()
    {
        // The periodic read is a minute apart: only the notification can make it within a second.
        using var a = Instance(pollInterval: "00:01:00");
        using var b = Instance(pollInterval: "00:01:00");
        var delays = new List<double>();
        var name = "globex";
        var steps = new (object? Document, TestAccessToken User, HttpStatusCode Expected)[]
        {
            (new { directoryIds = new[] { ContosoDirectory } }, ContosoUser, HttpStatusCode.OK),
            (new { directoryIds = new[] { ContosoDirectory }, suspended = true }, ContosoUser, HttpStatusCode.Forbidden),
            (new { directoryIds = new[] { FabrikamDirectory } }, FabrikamUser, HttpStatusCode.OK),
            (null, FabrikamUser, HttpStatusCode.Forbidden),
        };

        for (var round = 0; round < 25; round++)
        {
            foreach (var (document, user, expected) in steps)
            {
                using var write = await AdminAsync(a, document is null ? HttpMethod.Delete : HttpMethod.Put, $"/admin/tenancies/{name}", document);
                Assert.True(write.IsSuccessStatusCode, await write.Content.ReadAsStringAsync());
                var watch = Stopwatch.StartNew();
                while ((await GetMeAsync(b, name, user)).StatusCode != expected)
                {
                    Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"b still answers the old state after {watch.Elapsed.TotalMilliseconds:F0} ms");
                    await Task.Delay(2);
                }

                delays.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        delays.Sort();
        output.WriteLine($"{delays.Count} changes seen by the other instance: median {delays[delays.Count / 2]:F1} ms, p99 {delays[(int)(delays.Count * 0.99)]:F1} ms, max {delays[^1]:F1} ms");
    }

    [PostgresFact]
    public async Task ServerStoppedAndStartedUnderTraffic_NoFiveHundred_WritesAre503_AndNothingIsLost()
    {
        using var a = Instance(pollInterval: "00:00:00.2");
        using var b = Instance(pollInterval: "00:00:00.2");
        using (var before = await AdminAsync(b, HttpMethod.Put, "/admin/tenancies/globex", new { directoryIds = new[] { ContosoDirectory } }))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        await EventuallyAsync(async () => (await GetMeAsync(a, "globex")).StatusCode == HttpStatusCode.OK);

        using var traffic = new CancellationTokenSource();
        var statuses = new List<HttpStatusCode>();
        var load = Task.Run(async () =>
        {
            while (!traffic.IsCancellationRequested)
            {
                var status = (await GetMeAsync(a, "globex")).StatusCode;
                lock (statuses)
                {
                    statuses.Add(status);
                }
            }
        });

        _postgres.Stop();
        using (var refused = await AdminAsync(a, HttpMethod.Put, "/admin/tenancies/initech", new { directoryIds = new[] { ContosoDirectory } }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("tenancy_store_unavailable", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }

        await EventuallyAsync(async () => await ReadyAsync(a) == "Degraded");
        _postgres.Start();

        // Back: a write through b is in force on a (its listening connection comes back, or its periodic read catches up).
        await EventuallyAsync(async () =>
        {
            using var written = await AdminAsync(b, HttpMethod.Put, "/admin/tenancies/initech", new { directoryIds = new[] { ContosoDirectory } });
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} write through b after the restart: {(int)written.StatusCode}");
            return written.IsSuccessStatusCode;
        });
        await EventuallyAsync(async () => (await GetMeAsync(a, "initech")).StatusCode == HttpStatusCode.OK);
        await EventuallyAsync(async () => await ReadyAsync(a) == "Healthy");
        await traffic.CancelAsync();
        await load;

        Assert.NotEmpty(statuses);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(a, "globex")).StatusCode);
    }

    [PostgresFact]
    public async Task OperatorsRacingWithTheSameETag_ExactlyOneWins()
    {
        using var a = Instance();
        using var b = Instance();
        using var created = await AdminAsync(a, HttpMethod.Put, "/admin/tenancies/globex", new { directoryIds = new[] { ContosoDirectory } });
        var etag = created.Headers.ETag!;
        // Started before the race: WebApplicationFactory starts its host on first use, and two first uses at once
        // started two hosts, one of them disposed under the other (ObjectDisposedException in CI, now and then).
        b.StartServer();

        var writes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await AdminAsync(i % 2 == 0 ? a : b, HttpMethod.Put, "/admin/tenancies/globex", new { displayName = $"Writer {i}", directoryIds = new[] { ContosoDirectory } }, etag);
            return response.StatusCode;
        }));

        Assert.True(writes.Count(status => status == HttpStatusCode.OK) == 1, string.Join(", ", writes));
        Assert.True(writes.Count(status => status == HttpStatusCode.PreconditionFailed) == 7, string.Join(", ", writes));
    }

    [PostgresFact]
    public async Task InstancesStartingAtOnceOnAnEmptyDatabase_MigrateAndSeedItOnce()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => Instance()).ToList();

        await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Server)));

        using var page = await AdminAsync(instances[0], HttpMethod.Get, "/admin/tenancies");
        var names = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString());
        Assert.Equal(["contoso", "fabrikam", "northwind", "partners"], names);
        instances.ForEach(instance => instance.Dispose());
    }

    public void Dispose()
    {
        _factory.Dispose();
        _postgres.Dispose();
    }

    private WebApplicationFactory<Program> Instance(string pollInterval = "00:00:00.5") =>
        _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("TenancyRegistry:PostgreSql", _postgres.ConnectionString);
            builder.UseSetting("TenancyRegistry:PollInterval", pollInterval);
            builder.UseSetting("Revocation:OperatorDirectories:0", ContosoDirectory.ToString());
            // These tests write and poll far faster than any operator or caller may.
            foreach (var tier in (string[])["PerAddress", "PerNetwork", "PerCaller", "PerOperator", "PerTenancy"])
            {
                builder.UseSetting($"RateLimits:{tier}:PermitLimit", "100000");
            }
        });

    private async Task<HttpResponseMessage> GetMeAsync(WebApplicationFactory<Program> instance, string tenancy, TestAccessToken? token = null)
    {
        using var client = CreateClient(instance, _factory.Authority, token ?? ContosoUser, tenancy);
        return await client.GetAsync("/account/me");
    }

    private async Task<HttpResponseMessage> AdminAsync(WebApplicationFactory<Program> instance, HttpMethod method, string path, object? document = null, EntityTagHeaderValue? ifMatch = null)
    {
        using var client = CreateClient(instance, _factory.Authority, TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Tenancies.Manage"), tenancy: null);
        using var request = new HttpRequestMessage(method, path)
        {
            Content = document is null ? null : new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> ReadyAsync(WebApplicationFactory<Program> instance)
    {
        using var client = instance.CreateClient();
        return await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        // Generous: a connection the restart broke may take its timeout (5 s) to be found broken on a busy machine.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(100);
        }
    }
}
