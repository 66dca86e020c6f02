using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;
using AccountApi.Entra;

namespace AccountApi.DevIdentity.Tests.Token;

public sealed class AuthorizationCodeGrantTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Token_WithValidCode_ReturnsBearerTokensShapedLikeEntra()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Contains("no-cache", response.Headers.Pragma.ToString(), StringComparison.Ordinal);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt64());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        Assert.Equal(ProviderRequests.ReadScope, body.GetProperty("scope").GetString());
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds(), body.GetProperty("created_at").GetInt64());

        var jwt = body.AccessToken();
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal(DevData.ApiClientId, Assert.Single(jwt.Audiences));
        Assert.Equal($"{DevData.BaseAddress}/{DevData.ContosoTenantId}/v2.0", jwt.Issuer);
        Assert.Equal(DevData.ContosoTenantId, jwt.GetClaim("tid").Value);
        Assert.Equal(DevData.AliceObjectId, jwt.GetClaim("oid").Value);
        Assert.Equal(DevData.Alice, jwt.GetClaim("preferred_username").Value);
        Assert.Equal(DevData.AliceUser.DisplayName, jwt.GetClaim("name").Value);
        Assert.Equal("Account.Read", jwt.GetClaim("scp").Value);
        Assert.Equal(DevData.CliClientId, jwt.GetClaim("azp").Value);
        Assert.Equal("1", jwt.GetClaim("azpacr").Value);
        Assert.Equal("2.0", jwt.GetClaim("ver").Value);
        Assert.False(string.IsNullOrEmpty(jwt.GetClaim("uti").Value));
        Assert.NotEqual(DevData.AliceObjectId, jwt.Subject);
        Assert.False(jwt.TryGetClaim("roles", out _));
        Assert.False(jwt.TryGetClaim("idtyp", out _));
        Assert.Equal(TimeSpan.FromHours(1), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task Token_WithDefaultScope_GrantsEveryDelegatedScope()
    {
        var host = provider.Host;

        var body = await host.Client.SignInCliAsync(DevData.ApiScopePrefix + ".default");

        Assert.Equal("Account.Read Reports.Read", body.AccessToken().GetClaim("scp").Value);
    }

    [Fact]
    public async Task Token_AtTheSeedsOAuthTokenPath_WorksLikeTheEntraPath()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize(), DevData.CliClientId);

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code), DevData.CliClientId, "oauth/token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DevData.Alice, (await response.ReadJsonAsync()).AccessToken().GetClaim("preferred_username").Value);
    }

    [Fact]
    public async Task Token_WithBasicClientAuthentication_Succeeds()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        var form = ProviderRequests.CliRedemption(code);
        form.Remove("client_secret");
        form.Remove("client_id");

        using var response = await host.Client.TokenAsync(form, authorization: ProviderRequests.Basic(DevData.CliClientId, DevData.CliSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithWrongSecretInBasic_Returns401InvalidClientWithBasicChallenge()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        var form = ProviderRequests.CliRedemption(code);
        form.Remove("client_secret");

        using var response = await host.Client.TokenAsync(form, authorization: ProviderRequests.Basic(DevData.CliClientId, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("invalid_client", (await response.ReadJsonAsync()).Error());
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("dev-cli-secre")]
    [InlineData("")]
    public async Task Token_WithWrongOrMissingSecretInForm_Returns401InvalidClient(string secret)
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        var form = ProviderRequests.CliRedemption(code);
        form["client_secret"] = secret;

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal("invalid_client", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_WithReusedCode_ReturnsInvalidGrantAndRevokesFirstIssue()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        using var first = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));
        var firstBody = await first.ReadJsonAsync();

        using var second = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (await second.ReadJsonAsync()).Error());
        var firstAccessToken = firstBody.AccessToken();
        var digest = AccessTokenDigest.Of(firstBody.GetProperty("access_token").GetString()!);
        Assert.True(host.Sink.Revoked.ContainsKey(digest));
        Assert.Equal(firstAccessToken.ValidTo, host.Sink.Revoked[digest].UtcDateTime);
        using var refresh = await host.Client.TokenAsync(ProviderRequests.CliRefresh(firstBody.GetProperty("refresh_token").GetString()!));
        Assert.Equal("invalid_grant", (await refresh.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_WithCodeOlderThanFiveMinutes_ReturnsInvalidGrant()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        var body = await response.ReadJsonAsync();
        Assert.Equal("invalid_grant", body.Error());
        Assert.Contains("expired", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithCodeJustUnderFiveMinutesOld_Succeeds()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        host.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{CliRedirect}/", "invalid_grant")]
    [InlineData(null, "invalid_request")]
    public async Task Token_WithRedirectUriNotMatchingAuthorize_IsRefused(string? redirectUri, string expectedError)
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        var form = ProviderRequests.CliRedemption(code);
        if (redirectUri is null)
        {
            form.Remove("redirect_uri");
        }
        else
        {
            form["redirect_uri"] = DevData.Fill(redirectUri)!;
        }

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expectedError, (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_WithCodeOfAnotherClient_ReturnsInvalidGrant()
    {
        var host = provider.Host;
        var pkce = PkcePair.Create();
        var code = await host.Client.GetCodeAsync(ProviderRequests.SpaAuthorize(pkce));
        var form = ProviderRequests.CliRedemption(code);
        form["code_verifier"] = pkce.Verifier;

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_WithCodeOfOtherDirectoryAtDirectoryPath_ReturnsInvalidGrant()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize(DevData.Bob), "common");

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code), DevData.ContosoTenantId);

        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }
}
