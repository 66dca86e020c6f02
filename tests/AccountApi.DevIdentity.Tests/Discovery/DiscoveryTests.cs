using System.Net;
using System.Text.Json;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Discovery;

public sealed class DiscoveryTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Discovery_ForDirectory_NamesItsIssuerAndEndpointsUnderThatTenant()
    {
        var host = provider.Host;

        var document = await host.Client.GetJsonAsync($"/{DevData.ContosoTenantId}/v2.0/.well-known/openid-configuration");

        Assert.Equal($"{DevData.BaseAddress}/{DevData.ContosoTenantId}/v2.0", document.GetProperty("issuer").GetString());
        Assert.Equal($"{DevData.BaseAddress}/{DevData.ContosoTenantId}/oauth2/v2.0/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{DevData.BaseAddress}/{DevData.ContosoTenantId}/oauth2/v2.0/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{DevData.BaseAddress}/{DevData.ContosoTenantId}/discovery/v2.0/keys", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(["S256"], document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["RS256"], document.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client_credentials", document.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client_secret_basic", document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(DevData.ApiScopePrefix + "Account.Read", document.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("scp", document.GetProperty("claims_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["code"], document.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Discovery_ListsUserInfoEndSessionResponseModesAndNonce()
    {
        var host = provider.Host;

        var document = await host.Client.GetJsonAsync($"/{DevData.ContosoTenantId}/v2.0/.well-known/openid-configuration");

        Assert.Equal($"{DevData.BaseAddress}/oidc/userinfo", document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal($"{DevData.BaseAddress}/{DevData.ContosoTenantId}/oauth2/v2.0/logout", document.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(["query", "fragment", "form_post"], document.GetProperty("response_modes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("nonce", document.GetProperty("claims_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(document.GetProperty("http_logout_supported").GetBoolean());
        Assert.False(document.GetProperty("frontchannel_logout_supported").GetBoolean());
        Assert.False(document.GetProperty("request_uri_parameter_supported").GetBoolean());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("tenant_region_scope").ValueKind);
        Assert.Equal("dev-idp.localhost", document.GetProperty("cloud_instance_name").GetString());
        Assert.Equal(["none", "login", "select_account", "consent"], document.GetProperty("prompt_values_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("common")]
    [InlineData("organizations")]
    public async Task Discovery_ForMultiTenantAlias_UsesTenantIdTemplateInIssuer(string tenant)
    {
        var host = provider.Host;

        var document = await host.Client.GetJsonAsync($"/{tenant}/v2.0/.well-known/openid-configuration");

        Assert.Equal($"{DevData.BaseAddress}/{{tenantid}}/v2.0", document.GetProperty("issuer").GetString());
        Assert.Equal($"{DevData.BaseAddress}/{tenant}/oauth2/v2.0/token", document.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task Discovery_UnderAPrefix_BuildsUrlsFromPublicBaseAddress_NotFromTheRequestHost()
    {
        await using var host = await DevIdentityTestHost.StartAsync(s => s["DevIdentity:PublicBaseAddress"] = "https://idp.example:8443/dev-idp/", prefix: "/dev-idp");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/dev-idp/{DevData.FabrikamTenantId}/v2.0/.well-known/openid-configuration");
        request.Headers.Host = "attacker.example";

        using var response = await host.Client.SendAsync(request);
        var document = await response.ReadJsonAsync();

        Assert.Equal($"https://idp.example:8443/dev-idp/{DevData.FabrikamTenantId}/v2.0", document.GetProperty("issuer").GetString());
        Assert.StartsWith("https://idp.example:8443/dev-idp/", document.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_JwksUri_ResolvesToTheKeySet()
    {
        var host = provider.Host;
        var document = await host.Client.GetJsonAsync("/organizations/v2.0/.well-known/openid-configuration");

        var jwks = await host.Client.GetJsonAsync(new Uri(document.GetProperty("jwks_uri").GetString()!).PathAndQuery);

        Assert.Equal(["keys"], jwks.EnumerateObject().Select(p => p.Name));
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(["alg", "e", "issuer", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
        Assert.True(key.GetProperty("n").GetString()!.Length >= 342, "a 2048-bit modulus is 342 base64url characters");
    }

    [Fact]
    public async Task Jwks_PublishesNoPrivateKeyParts()
    {
        var host = provider.Host;

        var jwks = await host.Client.GetJsonAsync($"/{DevData.ContosoTenantId}/discovery/v2.0/keys");

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        var members = key.EnumerateObject().Select(p => p.Name).ToList();
        foreach (var secretPart in new[] { "d", "p", "q", "dp", "dq", "qi", "oth", "k" })
        {
            Assert.DoesNotContain(secretPart, members);
        }
    }

    [Theory]
    [InlineData("v2.0/.well-known/openid-configuration")]
    [InlineData("discovery/v2.0/keys")]
    public async Task Discovery_ForUnknownTenant_Returns400InvalidRequest(string path)
    {
        var host = provider.Host;

        using var response = await host.Client.GetAsync($"/99999999-9999-4999-8999-999999999999/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }
}
