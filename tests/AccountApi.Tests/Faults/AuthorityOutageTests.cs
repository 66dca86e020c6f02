using System.Net;
using AccountApi.Authentication;
using AccountApi.Logging;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Faults;

/// <summary>
/// When the authority falters the caller did nothing wrong: 503 <c>authority_unavailable</c> with Retry-After, never a
/// hang, logged once per outage; cached keys keep working; the service recovers on its own.
/// </summary>
[Collection(TimingSensitiveGroup.Name)]
public sealed class AuthorityOutageTests : IDisposable
{
    private readonly AccountApiFactory _factory = new();

    [Fact]
    public async Task GetMe_WhenTheAuthorityIsDownAtStart_Answers503AuthorityUnavailableWithRetryAfter()
    {
        _factory.Authority.MetadataAvailable = false;
        using var host = WithLogs();
        using var client = CreateClient(host, _factory.Authority, ContosoUser, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\":\"authority_unavailable\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.DoesNotContain("IDX", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outage_IsLoggedOnceWhenItStartsAndOnceWhenItEnds_AndRecoversWithoutRestart()
    {
        _factory.Authority.MetadataAvailable = false;
        using var host = WithLogs();
        using var client = CreateClient(host, _factory.Authority, ContosoUser, "contoso");

        for (var i = 0; i < 5; i++)
        {
            using var refused = await client.GetAsync("/account/me");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        _factory.Authority.MetadataAvailable = true;
        using var recovered = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        var outage = Assert.Single(Logs(host, EventIds.AuthorityUnavailable));
        Assert.Equal(LogLevel.Error, outage.Level);
        Assert.Single(Logs(host, EventIds.AuthorityRecovered));
    }

    [Fact]
    public async Task CachedKeys_KeepWorkingWhileTheAuthorityIsDown()
    {
        using var client = _factory.CreateClient(ContosoUser, "contoso");
        using var first = await client.GetAsync("/account/me");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        _factory.Authority.MetadataAvailable = false;
        var health = _factory.Services.GetRequiredService<AuthorityHealth>();
        var outageSeen = WhenAvailabilityChanges(health);
        // A token under an unknown kid makes JwtBearer ask for the current keys, which fails: the outage is known.
        using var unknownKid = await client.SendAsync(WithToken(_factory.Authority.Sign(ContosoUser, _factory.Authority.UnpublishedKey)));
        Assert.True(await outageSeen.WaitAsync(TimeSpan.FromSeconds(10)));

        using var cached = await client.GetAsync("/account/me");
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        // A key the cache does not have may be genuine (a rotation during the outage): not the caller's fault.
        using var unknownKidDuringOutage = await client.SendAsync(WithToken(_factory.Authority.Sign(ContosoUser, _factory.Authority.UnpublishedKey)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknownKidDuringOutage.StatusCode);
    }

    [Fact]
    public async Task SlowAuthority_RequestsWaitAtMostTheConfiguredTimeAndABurstSharesOneFetch()
    {
        var slow = new SlowAuthority(_factory.Authority.Handler, TimeSpan.FromSeconds(4));
        using var host = _factory.WithWebHostBuilder(builder => builder
            .UseSetting("AzureAd:MetadataTimeout", "00:00:00.300")
            .ConfigureTestServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.BackchannelHttpHandler = slow)));
        using var client = CreateClient(host, _factory.Authority, ContosoUser, "contoso");
        var started = TimeProvider.System.GetTimestamp();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/account/me")));

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode));
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"the burst took {elapsed.TotalSeconds:0.0} s against a 0.3 s bound and a 4 s authority");
        Assert.Equal(1, slow.Requests);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    public void Dispose() => _factory.Dispose();

    private static Task<bool> WhenAvailabilityChanges(AuthorityHealth health)
    {
        var changed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        health.AvailabilityChanged += unavailable => changed.TrySetResult(unavailable);
        return changed.Task;
    }

    private static HttpRequestMessage WithToken(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add(AccountApiHeaders.TenantId, "contoso");
        return request;
    }

    private WebApplicationFactory<Program> WithLogs() =>
        _factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddFakeLogging()));

    private static IEnumerable<FakeLogRecord> Logs(WebApplicationFactory<Program> host, int eventId) =>
        host.Services.GetFakeLogCollector().GetSnapshot().Where(record => record.Id.Id == eventId);

    /// <summary>An authority that takes its time over every answer, and counts the questions.</summary>
    private sealed class SlowAuthority(HttpMessageHandler authority, TimeSpan delay) : DelegatingHandler(authority)
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            await Task.Delay(delay, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
