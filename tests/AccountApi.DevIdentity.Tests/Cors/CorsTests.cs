using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Cors;

public sealed class CorsTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    // The origins of the public client's redirect URIs: the sample app's and Swagger UI's.
    private static readonly string s_spaOrigin = new Uri(DevData.SpaRedirect).GetLeftPart(UriPartial.Authority);
    private static readonly string s_swaggerOrigin = new Uri(DevData.Spa.RedirectUris.Single(u => u != DevData.SpaRedirect)).GetLeftPart(UriPartial.Authority);
    private const string OtherOrigin = "https://evil.example";
    private const string AllowOrigin = "Access-Control-Allow-Origin";

    public static TheoryData<string, string> CorsEndpoints => new()
    {
        { "GET", $"/{DevData.ContosoTenantId}/v2.0/.well-known/openid-configuration" },
        { "GET", $"/{DevData.ContosoTenantId}/discovery/v2.0/keys" },
        { "POST", $"/{DevData.ContosoTenantId}/oauth2/v2.0/token" },
        { "POST", $"/{DevData.ContosoTenantId}/oauth2/v2.0/oauth/token" },
        { "GET", "/oidc/userinfo" },
    };

    public static TheoryData<string, string> EndpointsWithoutCors => new()
    {
        { "GET", $"/{DevData.ContosoTenantId}/oauth2/v2.0/authorize" },
        { "POST", $"/{DevData.ContosoTenantId}/oauth2/v2.0/authorize" },
        { "GET", $"/{DevData.ContosoTenantId}/oauth2/v2.0/logout" },
        { "POST", "/keys/rotate" },
    };

    [Theory]
    [MemberData(nameof(CorsEndpoints))]
    public async Task Preflight_FromAPublicClientsOrigin_IsAllowedWithMsalHeadersAndNoCredentials(string method, string path)
    {
        var host = provider.Host;

        using var response = await host.Client.SendAsync(Preflight(path, s_spaOrigin, method));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(s_spaOrigin, response.Headers.GetValues(AllowOrigin).Single());
        Assert.Contains("x-client-sku", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [MemberData(nameof(CorsEndpoints))]
    public async Task Preflight_FromAnotherOrigin_GetsNoCorsHeaders(string method, string path)
    {
        var host = provider.Host;

        using var response = await host.Client.SendAsync(Preflight(path, OtherOrigin, method));

        Assert.False(response.Headers.Contains(AllowOrigin));
    }

    [Theory]
    [MemberData(nameof(EndpointsWithoutCors))]
    public async Task Preflight_ToAuthorizeLogoutOrKeyRotation_IsNeverAnswered(string method, string path)
    {
        var host = provider.Host;

        using var response = await host.Client.SendAsync(Preflight(path, s_spaOrigin, method));

        Assert.False(response.Headers.Contains(AllowOrigin));
        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
    }

    public static TheoryData<string, bool> Origins => new() { { s_spaOrigin, true }, { s_swaggerOrigin, true }, { OtherOrigin, false } };

    [Theory]
    [MemberData(nameof(Origins))]
    public async Task Discovery_ActualRequest_AllowsExactlyPublicClientOrigins(string origin, bool allowed)
    {
        var host = provider.Host;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{DevData.ContosoTenantId}/v2.0/.well-known/openid-configuration");
        request.Headers.Add("Origin", origin);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(allowed, response.Headers.TryGetValues(AllowOrigin, out var values) && values.Single() == origin);
    }

    [Fact]
    public async Task Token_ActualCrossOriginRedemptionByTheSpa_CarriesTheAllowOriginHeader()
    {
        var host = provider.Host;
        var pkce = PkcePair.Create();
        var code = await host.Client.GetCodeAsync(ProviderRequests.SpaAuthorize(pkce));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{DevData.ContosoTenantId}/oauth2/v2.0/token")
        {
            Content = new FormUrlEncodedContent(ProviderRequests.SpaRedemption(code, pkce.Verifier)),
        };
        request.Headers.Add("Origin", s_spaOrigin);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(s_spaOrigin, response.Headers.GetValues(AllowOrigin).Single());
        Assert.True((await response.ReadJsonAsync()).TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Authorize_ActualRequestFromASpaOrigin_GetsNoCorsHeaders()
    {
        var host = provider.Host;
        using var request = new HttpRequestMessage(HttpMethod.Get, ProviderRequests.AuthorizePath() + $"?client_id={DevData.CliClientId}");
        request.Headers.Add("Origin", s_spaOrigin);

        using var response = await host.Client.SendAsync(request);

        Assert.False(response.Headers.Contains(AllowOrigin));
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-client-sku,x-client-ver,client-request-id");
        return request;
    }
}
