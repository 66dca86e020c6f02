using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using AccountApi.Tenancy;
using AccountApi.TenancyRegistry;
using AccountApi.Testing;

namespace AccountApi.Tests.Packaging;

/// <summary>
/// The native build, run as an operator runs it: the published executable in Production, configured by environment
/// variables, fetching discovery and keys from an authority over loopback http. The in-process tests run the same
/// source through the JIT; these prove that what Native AOT compiled (the source-generated endpoints, binding,
/// validation and JSON, Identity.Web's AOT registration) behaves the same.
/// </summary>
[Collection(PublishedService.Collection)]
public sealed class NativeServiceTests(PublishedService published) : PublishedServiceTests
{
    private static readonly Guid s_contoso = TestDirectories.Contoso;
    private static readonly Guid s_fabrikam = TestDirectories.Fabrikam;
    private const string AllowedOrigin = "https://app.contoso.example";

    private readonly PublishedService _published = published;

    [PublishedFact]
    public async Task AcceptsAValidToken_ThenServesItsRepeatFromTheCache()
    {
        using var service = Start();
        using var client = await ClientAsync(service);
        var token = UserToken(s_contoso);

        foreach (var attempt in new[] { "first use", "second use (admitted to the cache)", "cache hit" })
        {
            using var response = await client.SendAsync(Request(token, "contoso"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{attempt}: {(int)response.StatusCode} {body}");
            var account = JsonDocument.Parse(body).RootElement;
            Assert.Equal("contoso", account.GetProperty("tenancy").GetProperty("name").GetString());
            Assert.Equal(s_contoso, account.GetProperty("directoryId").GetGuid());
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "no token", "missing_token" },
        { "tampered after signing", "invalid_token" },
        { "signed with an unpublished key", "invalid_token" },
        { "expired", "invalid_token" },
        { "alg none", "invalid_token" },
        { "wrong audience", "invalid_token" },
        { "another scope", "insufficient_scope" },
        { "no tenancy", "missing_tenant" },
        { "another directory's tenancy", "tenant_not_permitted" },
        { "a tenancy that does not exist", "tenant_not_permitted" },
    };

    [PublishedTheory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesWithTheProblemDocument(string sent, string reason)
    {
        using var service = Start();
        using var client = await ClientAsync(service);
        var valid = UserToken(s_contoso);
        var (token, tenancy) = sent switch
        {
            "no token" => (null, "contoso"),
            "tampered after signing" => (HostileTokens.Tampered(valid), "contoso"),
            "signed with an unpublished key" => (Authority.UserToken(s_contoso, AccountApiTestFactory<object>.DefaultApiClientId).SignedWithUnknownKey().Build(), "contoso"),
            "expired" => (Authority.UserToken(s_contoso, AccountApiTestFactory<object>.DefaultApiClientId).Expired().Build(), "contoso"),
            "alg none" => (HostileTokens.WithAlgorithmNone(valid), "contoso"),
            "wrong audience" => (Authority.UserToken(s_contoso, AccountApiTestFactory<object>.DefaultApiClientId).WithWrongAudience().Build(), "contoso"),
            "another scope" => (Authority.UserToken(s_contoso, AccountApiTestFactory<object>.DefaultApiClientId).WithScopes("Other.Read").Build(), "contoso"),
            "no tenancy" => (valid, null),
            "another directory's tenancy" => (valid, "fabrikam"),
            "a tenancy that does not exist" => (valid, "initech"),
            _ => throw new ArgumentOutOfRangeException(nameof(sent)),
        };

        using var response = await client.SendAsync(Request(token, tenancy));

        await ProblemAssert.RefusedAsync(response, reason);
    }

    [PublishedFact]
    public async Task ARevocationOnOneInstance_IsEnforcedByAnotherThroughRedis()
    {
        // StackExchange.Redis and the revocation endpoints, natively: two instances sharing one real Redis server.
        using var redis = new RedisServer();
        var shared = new Dictionary<string, string>(Settings()) { ["Revocation__Redis"] = redis.ConnectionString };
        using var a = ServiceProcess.Start(_published.Executable, shared, name: "native-a");
        using var b = ServiceProcess.Start(_published.Executable, shared, name: "native-b");
        using var clientA = await ClientAsync(a);
        using var clientB = await ClientAsync(b);
        var token = UserToken(s_contoso);
        using (var before = await clientB.SendAsync(Request(token, "contoso")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = Request(token, "contoso");
        revoke.Method = HttpMethod.Post;
        revoke.RequestUri = new Uri("/account/me/sessions/revoke", UriKind.Relative);
        using var revoked = await clientA.SendAsync(revoke);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var after = await clientB.SendAsync(Request(token, "contoso"));
            if (after.StatusCode == HttpStatusCode.Forbidden)
            {
                await ProblemAssert.RefusedAsync(after, "invalid_token");
                break;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"Instance B still answered {(int)after.StatusCode} 10 s after the revocation on A.");
            await Task.Delay(50);
        }
    }

    [PublishedFact]
    public async Task ATenancyOnboardedOnOneInstance_IsServedByAnotherThroughPostgreSql()
    {
        // Npgsql's slim data source, the registry's schema scripts and LISTEN/NOTIFY, natively: two instances, one server.
        using var postgres = new PostgresServer();
        var shared = new Dictionary<string, string>(Settings())
        {
            ["TenancyRegistry__PostgreSql"] = postgres.ConnectionString,
            ["TenancyRegistry__PollInterval"] = "00:01:00",
            ["Revocation__OperatorDirectories__0"] = s_contoso.ToString(),
        };
        using var a = ServiceProcess.Start(_published.Executable, shared, name: "native-a");
        using var b = ServiceProcess.Start(_published.Executable, shared, name: "native-b");
        using var clientA = await ClientAsync(a);
        using var clientB = await ClientAsync(b);
        var token = UserToken(s_contoso);
        using (var before = await clientB.SendAsync(Request(token, "globex")))
        {
            await ProblemAssert.RefusedAsync(before, "tenant_not_permitted");
        }

        using var onboard = new HttpRequestMessage(HttpMethod.Put, "/admin/tenancies/globex")
        {
            Content = new StringContent($$"""{"directoryIds":["{{s_contoso}}"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        onboard.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Authority.AppToken(s_contoso, AccountApiTestFactory<object>.DefaultApiClientId, "Tenancies.Manage").Build());
        using var onboarded = await clientA.SendAsync(onboard);
        Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var after = await clientB.SendAsync(Request(token, "globex"));
            if (after.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(1), $"Instance B still answered {(int)after.StatusCode} a second after the tenancy was onboarded on A.");
            await Task.Delay(10);
        }
    }

    [PublishedFact]
    public async Task ACallerOverItsLimit_Gets429_WhileAnotherIsServed()
    {
        using var service = Start(new() { ["RateLimits__PerCaller__PermitLimit"] = "3", ["RateLimits__PerCaller__Window"] = "00:01:00" });
        using var client = await ClientAsync(service);
        var hot = UserToken(s_contoso);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.SendAsync(Request(hot, "contoso"));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var over = await client.SendAsync(Request(hot, "contoso"));
        using var other = await client.SendAsync(Request(UserToken(s_contoso), "contoso"));

        await ProblemAssert.RateLimitedAsync(over);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [PublishedFact]
    public async Task StartsOnARegistryOf100000Tenancies_AndAdmitsACallerOfOneOfThemAtOnce()
    {
        // The registry is loaded in the background: the first request (here at once) reads its tenancy from the
        // database while the other 100,000 arrive, and the load ends with readiness Healthy.
        var folder = Directory.CreateTempSubdirectory("accountapi-registry-").FullName;
        try
        {
            var file = Path.Combine(folder, "tenancies.db");
            var store = new SqliteTenancyRegistryStore(file);
            await store.PrepareAsync([], CancellationToken.None);
            await store.ImportAsync(Tenancies(), CancellationToken.None);
            SqliteConnection.ClearAllPools();

            using var service = ServiceProcess.Start(_published.Executable, new Dictionary<string, string>(Settings()) { ["TenancyRegistry__Sqlite"] = file }, name: "native-100k");
            using var client = await ClientAsync(service);
            using (var response = await client.SendAsync(Request(UserToken(s_contoso), "acme")))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await ServiceProcess.WaitForAsync(async () => await client.GetStringAsync("/health/ready") == "Healthy", TimeSpan.FromMinutes(1), "the registry to load");
            using var loaded = await client.SendAsync(Request(UserToken(s_contoso), "acme"));
            Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static async IAsyncEnumerable<TenancyInfo> Tenancies()
        {
            for (var i = 0; i < 100_000; i++)
            {
                yield return new TenancyInfo($"tenancy-{i}", $"tenancy-{i}", [Guid.NewGuid()], Suspended: false);
            }

            yield return new TenancyInfo("acme", "Acme", [s_contoso], Suspended: false);
            await Task.CompletedTask;
        }
    }

    [PublishedFact]
    public async Task AnswersABrowserPreflightFromAnAllowedOrigin()
    {
        using var service = Start();
        using var client = await ClientAsync(service);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/account/me");
        preflight.Headers.Add("Origin", AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,x-tenant-id");

        using var response = await client.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [PublishedTheory]
    [InlineData("TokenCache__MaxEntries", "0", "TokenCache:MaxEntries")]
    [InlineData("Revocation__MaxTokenLifetime", "3.00:00:00", "Revocation:MaxTokenLifetime")]
    [InlineData("Tenancies__contoso__DirectoyIds__0", TestDirectories.FabrikamId, "DirectoyIds")]
    [InlineData("AzureAd__ClientId", "my-api", "AzureAd:ClientId")]
    // Swashbuckle is not in the native build: asking for its document stops start-up instead of serving nothing.
    [InlineData("OpenApi__Enabled", "true", "OpenApi:Enabled")]
    public async Task InvalidSetting_StopsStartUp_NamingTheKey(string variable, string value, string namedKey)
    {
        var start = new ProcessStartInfo(_published.Executable, ["--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}"])
        {
            WorkingDirectory = _published.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, setting) in Settings())
        {
            start.Environment[key] = setting;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment[variable] = value;
        var (exitCode, log) = await ServiceProcess.RunUntilExitAsync(start);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(namedKey, log, StringComparison.Ordinal);
    }

    private ServiceProcess Start(Dictionary<string, string>? settings = null)
    {
        var all = Settings();
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return ServiceProcess.Start(_published.Executable, all, name: "native");
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["AzureAd__Instance"] = Authority.Instance,
        ["AzureAd__ClientId"] = AccountApiTestFactory<object>.DefaultApiClientId,
        ["Tenancies__contoso__DirectoryIds__0"] = s_contoso.ToString(),
        ["Tenancies__fabrikam__DirectoryIds__0"] = s_fabrikam.ToString(),
        ["Cors__AllowedOrigins__0"] = AllowedOrigin,
    };

    private string UserToken(Guid directory) => Authority.UserToken(directory, AccountApiTestFactory<object>.DefaultApiClientId).Build();

    private static HttpRequestMessage Request(string? token, string? tenancy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (tenancy is not null)
        {
            request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        }

        return request;
    }

    /// <summary>A client of the started service, once its liveness endpoint answers.</summary>
    private static async Task<HttpClient> ClientAsync(ServiceProcess service, TimeSpan? startUp = null)
    {
        var limit = startUp ?? TimeSpan.FromSeconds(20);
        var client = new HttpClient { BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(service.HasExited, "The native service exited during start-up (its output is in the test log).");
            try
            {
                using var live = await client.GetAsync("/health/live");
                if (live.IsSuccessStatusCode)
                {
                    return client;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < limit)
            {
            }

            Assert.True(deadline.Elapsed < limit, $"The native service did not answer /health/live within {limit.TotalSeconds:0} s.");
            await Task.Delay(50);
        }
    }
}
