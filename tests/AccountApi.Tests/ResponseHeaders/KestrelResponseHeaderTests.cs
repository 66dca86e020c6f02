using System.Net;
using AccountApi.Tests.Infrastructure;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.ResponseHeaders;

/// <summary>Over real Kestrel, which is what adds a <c>Server</c> header unless told not to.</summary>
public sealed class KestrelResponseHeaderTests(KestrelAccountApi kestrel) : IClassFixture<KestrelAccountApi>
{
    [Theory]
    [InlineData("GET", "contoso", HttpStatusCode.OK)]
    [InlineData("GET", "fabrikam", HttpStatusCode.Forbidden)]
    [InlineData("TRACE", "fabrikam", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", null, HttpStatusCode.MethodNotAllowed)]
    public async Task Answers_CarryNoServerHeaderAndCarryNosniff(string method, string? tenancy, HttpStatusCode expected)
    {
        using var client = kestrel.CreateClient(kestrel.Factory.Authority.Sign(ContosoUser), tenancy);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/account/me"));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task AnonymousRefusal_CarriesNoServerHeader()
    {
        using var client = kestrel.CreateClient(accessToken: null, tenancy: null);

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "missing_token");
        Assert.False(response.Headers.Contains("Server"));
    }
}
