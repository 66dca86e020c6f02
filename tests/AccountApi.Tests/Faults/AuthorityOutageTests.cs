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

        // A failed fetch is not tried again for a second, so that a flood during an outage does not hammer the authority.
        _factory.Authority.MetadataAvailable = true;
        var recovered = HttpStatusCode.ServiceUnavailable;
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(5); recovered != HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline; await Task.Delay(100))
        {
            using var response = await client.GetAsync("/account/me");
            recovered = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, recovered);
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
        // One fetch for the whole burst; the start-up warm-up may have made its own attempt before it.
        Assert.InRange(slow.Requests, 1, 2);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task SlowAuthority_WhoseFetchNeitherAnswersNorFailsWithinTheBound_IsStillAnOutage_NotAnInvalidToken()
    {
        // The request's wait ends at the bound while the fetch runs on: nothing but the bound can tell that the authority
        // is out. IdentityModel swallows the wait's failure and finds no signing key; that refusal must still read as the
        // authority's outage (a busy CI machine once answered 19 of 20 requests of the burst above with invalid_token).
        var slow = new SlowAuthority(_factory.Authority.Handler, TimeSpan.FromSeconds(3), honoursCancellation: false);
        using var host = _factory.WithWebHostBuilder(builder => builder
            .UseSetting("AzureAd:MetadataTimeout", "00:00:00.200")
            .ConfigureTestServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.BackchannelHttpHandler = slow)));
        using var client = CreateClient(host, _factory.Authority, ContosoUser, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"error\":\"authority_unavailable\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangingAuthority_LeavesNothingQueuedOrInFlight_AndIsNotAskedAgainOnceTheLoadStops()
    {
        // An authority that accepts the connection and never answers: every request and readiness probe gives up after
        // the bound, and the fetch itself ends with it instead of waiting for a back-channel timeout of a minute.
        var hanging = new HangingAuthority();
        using var host = _factory.WithWebHostBuilder(builder => builder
            .UseSetting("AzureAd:MetadataTimeout", "00:00:00.300")
            .ConfigureTestServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.BackchannelHttpHandler = hanging)));
        using var client = CreateClient(host, _factory.Authority, ContosoUser, "contoso");
        using var probe = host.CreateClient();
        var started = TimeProvider.System.GetTimestamp();

        var load = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? client.GetAsync("/account/me") : probe.GetAsync("/health/ready"));
        var responses = await Task.WhenAll(load);

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"the load took {elapsed.TotalSeconds:0.0} s against a 0.3 s bound");
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, hanging.InFlight);
        var asked = hanging.Requests;
        Assert.InRange(asked, 1, 10);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(asked, hanging.Requests);
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

    /// <summary>An authority that never answers, until the caller gives up; counts the questions and those still open.</summary>
    private sealed class HangingAuthority : HttpMessageHandler
    {
        private int _requests;
        private int _inFlight;

        public int Requests => Volatile.Read(ref _requests);

        public int InFlight => Volatile.Read(ref _inFlight);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Increment(ref _inFlight);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    /// <summary>An authority that takes its time over every answer, and counts the questions.</summary>
    private sealed class SlowAuthority(HttpMessageHandler authority, TimeSpan delay, bool honoursCancellation = true) : DelegatingHandler(authority)
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            await Task.Delay(delay, honoursCancellation ? cancellationToken : CancellationToken.None);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
