using System.Net;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;

namespace AccountApi.Tests.Health;

/// <summary>/health/ready follows what token validation needs; /health/live only says the process answers.</summary>
public sealed class ReadinessTests : IDisposable
{
    // Its own factory and authority: these tests take the authority down.
    private readonly AccountApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Ready_WhenTheAuthorityMetadataAndTenanciesAreThere_Returns200Healthy()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_WhileTheAuthorityIsDown_Returns503_AndRecoversWithIt_WhileLiveStays200()
    {
        // Down before the service starts: once it has the metadata (fetched at start), an outage no longer matters.
        _factory.Authority.MetadataAvailable = false;
        using var client = _factory.CreateClient();

        using var down = await client.GetAsync("/health/ready");
        using var liveWhileDown = await client.GetAsync("/health/live");
        _factory.Authority.MetadataAvailable = true;
        // A failed fetch is not tried again for a second (BoundedConfigurationManager): readiness follows within it.
        var up = HttpStatusCode.ServiceUnavailable;
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(5); up != HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline; await Task.Delay(100))
        {
            using var ready = await client.GetAsync("/health/ready");
            up = ready.StatusCode;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", await down.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, liveWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, up);
    }

    [Fact]
    public async Task Start_FetchesTheAuthorityMetadata_BeforeAnyRequest()
    {
        // Starting the host sends no request; the discovery document and the keys are fetched in the background.
        _ = _factory.Server;

        var waited = TimeProvider.System.GetTimestamp();
        while (_factory.Authority.MetadataRequests < 2 && TimeProvider.System.GetElapsedTime(waited) < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.True(_factory.Authority.MetadataRequests >= 2, $"{_factory.Authority.MetadataRequests} metadata requests after start");
    }

    [Fact]
    public async Task Ready_UsesJwtBearersCachedMetadata_FetchingNothingOnceItHasIt()
    {
        using var client = _factory.CreateClient();
        (await client.GetAsync("/health/ready")).Dispose();
        var fetched = _factory.Authority.MetadataRequests;

        (await client.GetAsync("/health/ready")).Dispose();
        (await client.GetAsync("/health/ready")).Dispose();

        Assert.True(fetched >= 2, "the first probe fetched the discovery document and the keys");
        Assert.Equal(fetched, _factory.Authority.MetadataRequests);
    }

    [Fact]
    public async Task Ready_WithNoTenancyConfigured_Returns503()
    {
        // The kit's factory as a consumer starts it: an authority, no tenancies.
        using var factory = new AccountApiTestFactory<Program>();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
