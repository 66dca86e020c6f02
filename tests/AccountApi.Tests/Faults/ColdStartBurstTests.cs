using System.Net;
using AccountApi.Tests.Infrastructure;

namespace AccountApi.Tests.Faults;

/// <summary>
/// 200 concurrent requests against an instance that has not fetched the authority's metadata yet: they share one fetch
/// and all complete, none 5xx. A blocking wait anywhere on that path (Identity.Web has had sync-over-async at start-up)
/// would hold a pool thread per request and the burst would crawl while the pool injected threads one by one.
/// </summary>
[Collection(TimingSensitiveGroup.Name)]
public sealed class ColdStartBurstTests : IDisposable
{
    private const int Burst = 200;
    private readonly AccountApiFactory _factory = new();

    [Fact]
    public async Task ColdStart_BurstOf200ConcurrentRequests_AllCompleteWithoutStarvingThePool()
    {
        using var client = _factory.CreateClient(AccountApiFactory.ContosoUser, "contoso");
        var threadsBefore = ThreadPool.ThreadCount;
        var started = TimeProvider.System.GetTimestamp();

        var responses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => client.GetAsync("/account/me")));

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var statuses = responses.GroupBy(response => response.StatusCode).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(Burst, statuses.GetValueOrDefault(HttpStatusCode.OK));
        // One discovery document and one key set for the whole burst.
        Assert.True(_factory.Authority.MetadataRequests <= 2, $"{_factory.Authority.MetadataRequests} metadata requests");
        Assert.True(ThreadPool.ThreadCount - threadsBefore < 40, $"the pool grew from {threadsBefore} to {ThreadPool.ThreadCount} threads");
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the burst took {elapsed.TotalSeconds:0.0} s");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    public void Dispose() => _factory.Dispose();
}
