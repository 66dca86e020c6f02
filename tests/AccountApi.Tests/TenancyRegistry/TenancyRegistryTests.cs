using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AccountApi.Tenancy;
using AccountApi.TenancyRegistry;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.TenancyRegistry;

/// <summary>
/// The registry in a real SQLite file: seeded once, shared by instances that stay in step, and a store that fails
/// leaves the last copy serving while writes are answered 503.
/// </summary>
public sealed class TenancyRegistryTests(ITestOutputHelper output) : IDisposable
{
    private readonly AccountApiFactory _factory = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("accountapi-registry-").FullName;

    private string SharedFile => Path.Combine(_folder, "tenancies.db");

    [Fact]
    public async Task TheSeed_IsImportedIntoAnEmptyRegistryOnly()
    {
        using (var first = Instance())
        {
            Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(first, "contoso")).StatusCode);
            using var deleted = await AdminAsync(first, HttpMethod.Delete, "/admin/tenancies/contoso");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        // The same file, a seed that still names contoso and adds globex: the registry is what counts now.
        using var second = Instance(builder => builder.UseSetting("Tenancies:globex:DirectoryIds:0", ContosoDirectory.ToString()));

        await ProblemAssert.RefusedAsync(await GetMeAsync(second, "contoso"), "tenant_not_permitted");
        await ProblemAssert.RefusedAsync(await GetMeAsync(second, "globex"), "tenant_not_permitted");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(second, "fabrikam", FabrikamUser)).StatusCode);
    }

    [Fact]
    public async Task InstancesStartingAtOnceOnANewFile_MigrateAndSeedItOnce()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Instance()).ToList();

        // Start them concurrently: each creates its server (and runs the migration) on first use.
        await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Server)));

        foreach (var instance in instances)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(instance, "contoso")).StatusCode);
            instance.Dispose();
        }

        using var check = Instance();
        using var page = await AdminAsync(check, HttpMethod.Get, "/admin/tenancies?limit=1000");
        var names = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString()).ToList();
        Assert.Equal(["contoso", "fabrikam", "northwind", "partners"], names);
    }

    [Fact]
    public async Task AChangeThroughOneInstance_IsInForceOnAnotherWithinASecond()
    {
        using var a = Instance();
        using var b = Instance();
        var delays = new List<TimeSpan>();
        var name = $"t{Guid.NewGuid():N}"[..12];

        // Created, suspended, given a new directory, deleted: each seen by b.
        var steps = new (object? Document, string User, HttpStatusCode Expected)[]
        {
            (new { directoryIds = new[] { ContosoDirectory } }, "contoso", HttpStatusCode.OK),
            (new { directoryIds = new[] { ContosoDirectory }, suspended = true }, "contoso", HttpStatusCode.Forbidden),
            (new { directoryIds = new[] { FabrikamDirectory } }, "fabrikam", HttpStatusCode.OK),
            (null, "fabrikam", HttpStatusCode.Forbidden),
        };
        for (var round = 0; round < 5; round++)
        {
            foreach (var (document, user, expected) in steps)
            {
                using var write = document is null
                    ? await AdminAsync(a, HttpMethod.Delete, $"/admin/tenancies/{name}")
                    : await AdminAsync(a, HttpMethod.Put, $"/admin/tenancies/{name}", document);
                Assert.True(write.IsSuccessStatusCode, await write.Content.ReadAsStringAsync());
                var token = user == "contoso" ? ContosoUser : FabrikamUser;
                var watch = Stopwatch.StartNew();
                while ((await GetMeAsync(b, name, token)).StatusCode != expected)
                {
                    Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"b still answers the old state after {watch.Elapsed.TotalMilliseconds:F0} ms");
                    await Task.Delay(10);
                }

                delays.Add(watch.Elapsed);
            }
        }

        output.WriteLine($"{delays.Count} changes: median {delays.Order().ElementAt(delays.Count / 2).TotalMilliseconds:F0} ms, slowest {delays.Max().TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task StoreDown_TheLastCopyServes_WritesAre503_ReadinessDegraded_AndBackItCatchesUp()
    {
        var faulty = new FaultyStore();
        using var a = Instance(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ITenancyRegistryStore>(provider => faulty.Wrapping(new SqliteTenancyRegistryStore(SharedFile)))));
        using var b = Instance();
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(a, "contoso")).StatusCode);

        faulty.Down = true;
        using var refused = await AdminAsync(a, HttpMethod.Put, "/admin/tenancies/globex", new { directoryIds = new[] { ContosoDirectory } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("tenancy_store_unavailable", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        // Meanwhile another instance changes the registry; a keeps serving what it has, and says it is behind.
        using var written = await AdminAsync(b, HttpMethod.Put, "/admin/tenancies/globex", new { directoryIds = new[] { ContosoDirectory } });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        await EventuallyAsync(async () => await ReadyAsync(a) == "Degraded");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(a, "contoso")).StatusCode);

        faulty.Down = false;
        await EventuallyAsync(async () => (await GetMeAsync(a, "globex")).StatusCode == HttpStatusCode.OK);
        Assert.Equal("Healthy", await ReadyAsync(a));
    }

    [Fact]
    public async Task WhileTheRegistryLoads_AnInstanceServesAtOnce_ReadingATenancyNotLoadedYetFromTheDatabase()
    {
        var faulty = new FaultyStore(holdLoad: true);
        using var a = Instance(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ITenancyRegistryStore>(provider => faulty.Wrapping(new SqliteTenancyRegistryStore(SharedFile)))));

        // Nothing loaded yet: a known tenancy is read from the database and served, an unknown one refused as always.
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(a, "contoso")).StatusCode);
        await ProblemAssert.RefusedAsync(await GetMeAsync(a, "globex"), "tenant_not_permitted");
        Assert.Equal("Degraded", await ReadyAsync(a));
        Assert.True(faulty.Finds >= 2, $"{faulty.Finds} tenancies were read one by one.");

        faulty.LoadHeld.SetResult();
        await EventuallyAsync(async () => await ReadyAsync(a) == "Healthy");

        // Loaded: no request reads the database any more.
        var finds = faulty.Finds;
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(a, "fabrikam", FabrikamUser)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(a, "contoso")).StatusCode);
        await ProblemAssert.RefusedAsync(await GetMeAsync(a, "globex"), "tenant_not_permitted");
        Assert.Equal(finds, faulty.Finds);
    }

    public void Dispose()
    {
        _factory.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private WebApplicationFactory<Program> Instance(Action<IWebHostBuilder>? configure = null) =>
        _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("TenancyRegistry:Sqlite", SharedFile);
            builder.UseSetting("TenancyRegistry:PollInterval", "00:00:00.1");
            builder.UseSetting("Revocation:OperatorDirectories:0", ContosoDirectory.ToString());
            configure?.Invoke(builder);
        });

    private async Task<HttpResponseMessage> GetMeAsync(WebApplicationFactory<Program> instance, string tenancy, TestAccessToken? token = null)
    {
        using var client = CreateClient(instance, _factory.Authority, token ?? ContosoUser, tenancy);
        return await client.GetAsync("/account/me");
    }

    private async Task<HttpResponseMessage> AdminAsync(WebApplicationFactory<Program> instance, HttpMethod method, string path, object? document = null)
    {
        using var client = CreateClient(instance, _factory.Authority, TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Tenancies.Manage"), tenancy: null);
        using var request = new HttpRequestMessage(method, path)
        {
            Content = document is null ? null : new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request);
    }

    private static async Task<string> ReadyAsync(WebApplicationFactory<Program> instance)
    {
        using var client = instance.CreateClient();
        return await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The condition did not hold within 5 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>The real SQLite store behind a switch that makes every call fail as an unreachable database does.</summary>
    private sealed class FaultyStore
    {
        public volatile bool Down;

        /// <summary>The start-up load waits for this (released at once unless a test holds it).</summary>
        public TaskCompletionSource LoadHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>How many single tenancies were read from the database.</summary>
        public int Finds;

        public FaultyStore(bool holdLoad = false)
        {
            if (!holdLoad)
            {
                LoadHeld.SetResult();
            }
        }

        public ITenancyRegistryStore Wrapping(ITenancyRegistryStore inner) => new Switched(this, inner);

        private sealed class Switched(FaultyStore fault, ITenancyRegistryStore inner) : ITenancyRegistryStore
        {
            public Task<bool> PrepareAsync(IReadOnlyCollection<TenancyInfo> seed, CancellationToken cancellationToken) => Call(() => inner.PrepareAsync(seed, cancellationToken));

            public async Task<long> LoadAsync(Action<TenancyRecord> load, CancellationToken cancellationToken)
            {
                await fault.LoadHeld.Task.WaitAsync(cancellationToken);
                return await Call(() => inner.LoadAsync(load, cancellationToken));
            }

            public Task<TenancyRecord?> FindAsync(string name, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref fault.Finds);
                return Call(() => inner.FindAsync(name, cancellationToken));
            }

            public Task<IReadOnlyList<TenancyRecord>> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken) => Call(() => inner.ReadChangesAsync(after, limit, cancellationToken));

            public Task<IReadOnlyList<TenancyRecord>> ListAsync(string? after, int limit, CancellationToken cancellationToken) => Call(() => inner.ListAsync(after, limit, cancellationToken));

            public Task<TenancyWriteResult> PutAsync(TenancyInfo tenancy, TenancyPrecondition precondition, CancellationToken cancellationToken) => Call(() => inner.PutAsync(tenancy, precondition, cancellationToken));

            public Task<TenancyWriteResult> DeleteAsync(string name, TenancyPrecondition precondition, CancellationToken cancellationToken) => Call(() => inner.DeleteAsync(name, precondition, cancellationToken));

            public Task<int> ImportAsync(IAsyncEnumerable<TenancyInfo> tenancies, CancellationToken cancellationToken) => Call(() => inner.ImportAsync(tenancies, cancellationToken));

            private Task<T> Call<T>(Func<Task<T>> call) =>
                fault.Down ? Task.FromException<T>(new TenancyStoreUnavailableException("The test database is down.")) : call();
        }
    }
}
