using System.Net;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.RateLimiting;

/// <summary>
/// <c>X-Forwarded-For</c> names the client only when the connection comes from a configured proxy; anyone else who
/// sends it is counted under the connection's own address, however many addresses it claims.
/// </summary>
public sealed class ForwardedAddressTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    private const string Proxy = "10.0.0.5";

    [Theory]
    [InlineData("198.51.100.7")]
    // Loopback too, which ForwardedHeaders trusts out of the box.
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task SpoofedForwardedFor_WithoutAConfiguredProxy_IsIgnored(string peer)
    {
        using var host = WithProxies(perAddress: 2);

        var answers = new List<HttpStatusCode>();
        foreach (var claimed in (string[])["203.0.113.1", "203.0.113.2", "203.0.113.3"])
        {
            answers.Add(await GetMeAsync(host, peer, claimed));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task SpoofedForwardedFor_FromAnAddressOtherThanTheConfiguredProxy_IsIgnored()
    {
        using var host = WithProxies(perAddress: 2, ("ForwardedHeaders:KnownProxies:0", Proxy));

        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, "198.51.100.7", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, "198.51.100.7", "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetMeAsync(host, "198.51.100.7", "203.0.113.3"));
    }

    [Fact]
    public async Task ForwardedFor_FromAConfiguredProxy_CountsEachClientApart()
    {
        using var host = WithProxies(perAddress: 2, ("ForwardedHeaders:KnownProxies:0", Proxy));

        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetMeAsync(host, Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, Proxy, "203.0.113.2"));
    }

    [Fact]
    public async Task ForwardedFor_ThroughConfiguredProxies_TakesTheFirstAddressThatIsNotAProxy()
    {
        using var host = WithProxies(perAddress: 2, ("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16"));

        // The client wrote the left-most entries itself; the proxies appended the real client and each other.
        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, "10.1.2.3", "192.0.2.1, 203.0.113.9, 10.1.0.7"));
        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, "10.1.2.3", "192.0.2.2, 203.0.113.9, 10.1.0.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetMeAsync(host, "10.1.2.3", "192.0.2.3, 203.0.113.9"));
        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(host, "10.1.2.3", "203.0.113.10"));
    }

    private async Task<HttpStatusCode> GetMeAsync(WebApplicationFactory<Program> host, string peer, string forwardedFor)
    {
        using var client = host.CreateClientFrom(peer, factory.Authority.Sign(ContosoUser), "contoso");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private WebApplicationFactory<Program> WithProxies(int perAddress, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:PerAddress:PermitLimit", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
