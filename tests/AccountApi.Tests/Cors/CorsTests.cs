using System.Net;
using AccountApi.Cors;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccountApi.Tests.Cors;

/// <summary>
/// Browser apps on configured origins can call the API: preflights are answered without a token, refusals carry the
/// CORS headers too (so the page can read why), and any other origin gets no CORS header at all.
/// </summary>
public sealed class CorsTests : IClassFixture<AccountApiFactory>
{
    private const string SpaOrigin = "http://localhost:3000";
    private readonly AccountApiFactory _factory;
    private readonly WebApplicationFactory<Program> _withOrigins;

    public CorsTests(AccountApiFactory factory)
    {
        _factory = factory;
        _withOrigins = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Cors:AllowedOrigins:0", SpaOrigin)
            .UseSetting("Cors:AllowedOrigins:1", "https://app.contoso.example"));
    }

    [Fact]
    public void TheFrameworksMiddleware_RunsForARequestWithAnOrigin_OrToAnEndpointWithCorsMetadata_AndForNoOtherRequest()
    {
        var sameOrigin = new DefaultHttpContext();
        var fromPage = new DefaultHttpContext();
        fromPage.Request.Headers.Origin = SpaOrigin;
        var toCorsEndpoint = new DefaultHttpContext();
        toCorsEndpoint.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new EnableCorsAttribute()), "with CORS metadata"));

        Assert.False(CorsExtensions.ActsOn(sameOrigin));
        Assert.True(CorsExtensions.ActsOn(fromPage));
        Assert.True(CorsExtensions.ActsOn(toCorsEndpoint));
    }

    [Fact]
    public async Task Preflight_FromAllowedOrigin_IsAnsweredWithoutATokenAllowingTheApiHeaders()
    {
        using var client = _withOrigins.CreateClient();

        using var response = await client.SendAsync(Preflight(SpaOrigin, "authorization,x-tenant-id"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(SpaOrigin, Header(response, "Access-Control-Allow-Origin"));
        var allowed = Header(response, "Access-Control-Allow-Headers")!.Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("Authorization", allowed, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(AccountApiHeaders.TenantId, allowed, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("GET", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_FromOtherOrigin_GetsNoCorsHeaders()
    {
        using var client = _withOrigins.CreateClient();

        using var response = await client.SendAsync(Preflight("https://evil.example", "authorization,x-tenant-id"));

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Preflight_AskingForAHeaderTheApiDoesNotRead_IsNotAllowedIt()
    {
        using var client = _withOrigins.CreateClient();

        using var response = await client.SendAsync(Preflight(SpaOrigin, "authorization,x-forwarded-for"));

        // The browser compares the answer with what it asked for and refuses to send the request.
        Assert.DoesNotContain("x-forwarded-for", Header(response, "Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflight_WithNoOriginsConfigured_GetsNoCorsHeaders()
    {
        using var client = _factory.CreateClient();

        using var response = await client.SendAsync(Preflight(SpaOrigin, "authorization,x-tenant-id"));

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task GetMe_FromAllowedOrigin_ReturnsTheAccountWithCorsHeaders()
    {
        using var client = AccountApiFactory.CreateClient(_withOrigins, _factory.Authority, AccountApiFactory.ContosoUser, "contoso");

        using var response = await client.SendAsync(WithOrigin(SpaOrigin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SpaOrigin, Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData(false, "contoso", "missing_token")]
    [InlineData(true, "fabrikam", "tenant_not_permitted")]
    public async Task Refusal_FromAllowedOrigin_CarriesCorsHeadersAndExposesWwwAuthenticateAndRetryAfter(bool withToken, string tenancy, string error)
    {
        using var client = AccountApiFactory.CreateClient(_withOrigins, _factory.Authority, withToken ? AccountApiFactory.ContosoUser : null, tenancy);

        using var response = await client.SendAsync(WithOrigin(SpaOrigin));

        await ProblemAssert.RefusedAsync(response, error);
        Assert.Equal(SpaOrigin, Header(response, "Access-Control-Allow-Origin"));
        // Retry-After too: a page over a rate limit, or during an outage, can read when to try again.
        Assert.Equal("WWW-Authenticate,Retry-After", Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Refusal_FromOtherOrigin_GetsNoCorsHeaders()
    {
        using var client = _withOrigins.CreateClient();

        using var response = await client.SendAsync(WithOrigin("http://localhost:3001"));

        await ProblemAssert.RefusedAsync(response, "missing_token");
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Expose-Headers"));
    }

    private static HttpRequestMessage Preflight(string origin, string requestHeaders)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/account/me");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", requestHeaders);
        return request;
    }

    private static HttpRequestMessage WithOrigin(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
