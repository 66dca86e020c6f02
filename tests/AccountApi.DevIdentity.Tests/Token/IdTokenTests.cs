using System.Net;
using System.Text.Json;
using AccountApi.DevIdentity.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Tests.Token;

public sealed class IdTokenTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    private const string GraphApplicationId = "00000003-0000-0000-c000-000000000000";

    [Fact]
    public async Task Token_WithOpenIdScope_ReturnsIdTokenWithNonce()
    {
        var host = provider.Host;
        var pkce = PkcePair.Create();
        var query = ProviderRequests.SpaAuthorize(pkce);
        query["nonce"] = "nonce-4f1c";

        var body = await RedeemSpaAsync(host.Client, query, pkce);

        var idToken = body.GetProperty("id_token").GetString()!;
        var validation = await host.Client.ValidateAgainstJwksAsync(idToken, DevData.SpaClientId);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var jwt = body.IdToken();
        Assert.Equal("nonce-4f1c", jwt.GetClaim("nonce").Value);
        Assert.Equal(DevData.AliceObjectId, jwt.GetClaim("oid").Value);
        Assert.Equal(DevData.ContosoTenantId, jwt.GetClaim("tid").Value);
        Assert.Equal(DevData.Alice, jwt.GetClaim("preferred_username").Value);
        Assert.Equal(DevData.AliceUser.DisplayName, jwt.GetClaim("name").Value);
        Assert.Equal("2.0", jwt.GetClaim("ver").Value);
        Assert.False(string.IsNullOrEmpty(jwt.Subject));
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(body.AccessToken().Kid, jwt.Kid);
        Assert.Equal(3600, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
        Assert.Equal(jwt.IssuedAt, jwt.ValidFrom);
    }

    [Fact]
    public async Task Token_SubjectIsPairwise_StablePerClientAndDifferentAcrossClients()
    {
        var host = provider.Host;
        var cli = await host.Client.SignInCliAsync(DevData.ApiScopePrefix + ".default openid");
        var again = await host.Client.SignInCliAsync(DevData.ApiScopePrefix + ".default openid");
        var pkce = PkcePair.Create();
        var spa = await RedeemSpaAsync(host.Client, ProviderRequests.SpaAuthorize(pkce), pkce);

        Assert.Equal(cli.IdToken().Subject, again.IdToken().Subject);
        Assert.NotEqual(cli.IdToken().Subject, spa.IdToken().Subject);
        Assert.Equal(DevData.CliClientId, cli.IdToken().GetClaim("aud").Value);
    }

    [Fact]
    public async Task Refresh_OfAGrantWithOpenId_ReturnsAFreshIdTokenWithoutNonce()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["scope"] = DevData.ApiScopePrefix + "Account.Read openid profile offline_access";
        query["nonce"] = "n-1";
        var code = await host.Client.GetCodeAsync(query);
        using var first = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));
        var refreshToken = (await first.ReadJsonAsync()).GetProperty("refresh_token").GetString()!;

        using var refreshed = await host.Client.TokenAsync(ProviderRequests.CliRefresh(refreshToken));

        var body = await refreshed.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var validation = await host.Client.ValidateAgainstJwksAsync(body.GetProperty("id_token").GetString()!, DevData.CliClientId);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.False(body.IdToken().TryGetClaim("nonce", out _));
        Assert.True(body.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Token_WithoutOpenIdScope_ReturnsNoIdToken()
    {
        var host = provider.Host;

        var body = await host.Client.SignInCliAsync();

        Assert.False(body.TryGetProperty("id_token", out _));
        Assert.False(body.TryGetProperty("client_info", out _));
    }

    [Fact]
    public async Task Token_WithClientInfoRequested_ReturnsBase64UrlOfUidAndUtid()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        var redemption = ProviderRequests.CliRedemption(code);
        redemption["client_info"] = "1";

        using var response = await host.Client.TokenAsync(redemption);

        var clientInfo = (await response.ReadJsonAsync()).GetProperty("client_info").GetString()!;
        using var decoded = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(clientInfo));
        Assert.Equal(DevData.AliceObjectId, decoded.RootElement.GetProperty("uid").GetString());
        Assert.Equal(DevData.ContosoTenantId, decoded.RootElement.GetProperty("utid").GetString());
    }

    [Fact]
    public async Task Token_WithOnlyOpenIdScopes_ReturnsGraphAccessTokenAndIdToken()
    {
        var host = provider.Host;

        var body = await host.Client.SignInCliAsync("openid profile offline_access");

        var accessToken = body.AccessToken();
        Assert.Equal(GraphApplicationId, accessToken.GetClaim("aud").Value);
        Assert.Equal("openid profile", accessToken.GetClaim("scp").Value);
        Assert.Equal("openid profile", body.GetProperty("scope").GetString());
        Assert.Equal(DevData.CliClientId, body.IdToken().GetClaim("aud").Value);
        Assert.True(body.TryGetProperty("refresh_token", out _));
    }

    private static async Task<JsonElement> RedeemSpaAsync(HttpClient client, Dictionary<string, string?> query, PkcePair pkce)
    {
        var code = await client.GetCodeAsync(query);
        using var response = await client.TokenAsync(ProviderRequests.SpaRedemption(code, pkce.Verifier));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
