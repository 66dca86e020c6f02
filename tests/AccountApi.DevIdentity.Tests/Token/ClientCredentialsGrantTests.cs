using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Token;

public sealed class ClientCredentialsGrantTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task ClientCredentials_ForDaemon_IssuesAppOnlyTokenWithRolesAndNoRefreshToken()
    {
        var host = provider.Host;

        using var response = await host.Client.TokenAsync(DaemonRequest(), DevData.FabrikamTenantId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.Equal(DevData.ApiScopePrefix + ".default", body.GetProperty("scope").GetString());
        var jwt = body.AccessToken();
        Assert.Equal("app", jwt.GetClaim("idtyp").Value);
        Assert.Equal(["Account.Read.All"], jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.False(jwt.TryGetClaim("scp", out _));
        Assert.Equal(DevData.FabrikamTenantId, jwt.GetClaim("tid").Value);
        Assert.Equal($"{DevData.BaseAddress}/{DevData.FabrikamTenantId}/v2.0", jwt.Issuer);
        Assert.Equal(DevData.DaemonClientId, jwt.GetClaim("azp").Value);
        Assert.Equal("1", jwt.GetClaim("azpacr").Value);
        Assert.Equal(jwt.GetClaim("oid").Value, jwt.Subject);
        Assert.True(Guid.TryParse(jwt.GetClaim("oid").Value, out _));
        Assert.False(jwt.TryGetClaim("preferred_username", out _));
    }

    [Theory]
    [InlineData("{ApiScopePrefix}Account.Read")]
    [InlineData("{ApiScopePrefix}.default openid")]
    [InlineData("api://99999999-9999-4999-8999-999999999999/.default")]
    public async Task ClientCredentials_WithScopeOtherThanDefault_ReturnsInvalidScope(string scope)
    {
        var host = provider.Host;
        var form = DaemonRequest();
        form["scope"] = DevData.Fill(scope)!;

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task ClientCredentials_ForPublicClient_ReturnsUnauthorizedClient()
    {
        var host = provider.Host;
        var form = DaemonRequest();
        form["client_id"] = DevData.SpaClientId;
        form.Remove("client_secret");

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal("unauthorized_client", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task ClientCredentials_ForConfidentialClientNotAllowedIt_ReturnsUnauthorizedClient()
    {
        var host = provider.Host;
        var form = DaemonRequest();
        form["client_id"] = DevData.CliClientId;
        form["client_secret"] = DevData.CliSecret;

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal("unauthorized_client", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task ClientCredentials_WithoutSecret_Returns401InvalidClient()
    {
        var host = provider.Host;
        var form = DaemonRequest();
        form.Remove("client_secret");

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.ReadJsonAsync()).Error());
    }

    [Theory]
    [InlineData("common")]
    [InlineData("organizations")]
    public async Task ClientCredentials_AtMultiTenantPath_ReturnsInvalidRequest(string tenant)
    {
        var host = provider.Host;

        using var response = await host.Client.TokenAsync(DaemonRequest(), tenant);

        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task ClientCredentials_AtTheSeedsTokenPathWithBasic_Succeeds()
    {
        var host = provider.Host;
        var form = DaemonRequest();
        form.Remove("client_id");
        form.Remove("client_secret");

        using var response = await host.Client.TokenAsync(
            form, DevData.ContosoTenantId, "oauth/token", ProviderRequests.Basic(DevData.DaemonClientId, DevData.DaemonSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string> DaemonRequest() => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = DevData.DaemonClientId,
        ["client_secret"] = DevData.DaemonSecret,
        ["scope"] = DevData.ApiScopePrefix + ".default",
    };
}
