using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Authorize;

public sealed class AuthorizeTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Authorize_WithLoginHint_RedirectsAtOnceWithCodeAndVerbatimState()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["state"] = "a b&c=d/é+%";

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.StartsWith(DevData.CliRedirect + "?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("a b&c=d/é+%", parameters["state"]);
        Assert.True(parameters["code"].Length >= 43, "the code carries at least 256 random bits");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Authorize_WithRedirectUriThatHasAQuery_AppendsCodeWithAmpersand()
    {
        var redirect = DevData.CliRedirect + "?tab=1";
        await using var host = await DevIdentityTestHost.StartAsync(s => s["DevIdentity:Clients:account-cli:RedirectUris:1"] = redirect);
        var query = ProviderRequests.CliAuthorize();
        query["redirect_uri"] = redirect;

        using var response = await host.Client.AuthorizeAsync(query);

        Assert.StartsWith(redirect + "&code=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> MultiTenantSegments => ["common", "organizations", DevData.CliClientId];

    [Theory]
    [MemberData(nameof(MultiTenantSegments))]
    public async Task Authorize_AtMultiTenantPath_AcceptsUsersOfAnyDirectory(string tenant)
    {
        var host = provider.Host;

        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize(loginHint: DevData.Bob), tenant);
        using var token = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code), tenant);

        var jwt = (await token.ReadJsonAsync()).AccessToken();
        Assert.Equal(DevData.FabrikamTenantId, jwt.GetClaim("tid").Value);
        Assert.Equal($"{DevData.BaseAddress}/{DevData.FabrikamTenantId}/v2.0", jwt.Issuer);
    }

    [Theory]
    [InlineData("client_id", "99999999-9999-4999-8999-999999999999")]
    [InlineData("client_id", null)]
    [InlineData("redirect_uri", "http://localhost:3000/other")]
    [InlineData("redirect_uri", "{CliRedirect}/")]
    [InlineData("redirect_uri", null)]
    public async Task Authorize_WithUnknownClientOrUnregisteredRedirect_Returns400PageNotRedirect(string parameter, string? value)
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query[parameter] = DevData.Fill(value);

        using var response = await host.Client.AuthorizeAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Authorize_AtUnknownTenant_Returns400Page()
    {
        var host = provider.Host;

        using var response = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(), "not-a-tenant");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("response_type", null, "invalid_request")]
    [InlineData("scope", null, "invalid_request")]
    [InlineData("scope", "{ApiScopePrefix}Account.Write", "invalid_scope")]
    [InlineData("scope", "https://graph.microsoft.com/User.Read", "invalid_scope")]
    [InlineData("scope", "openid profile https://graph.microsoft.com/User.Read", "invalid_scope")]
    [InlineData("prompt", "bogus", "invalid_request")]
    [InlineData("response_mode", "web_message", "invalid_request")]
    [InlineData("code_challenge_method", "S256", "invalid_request")]
    public async Task Authorize_WithInvalidParameter_RedirectsErrorWithState(string parameter, string? value, string expectedError)
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query[parameter] = DevData.Fill(value);

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.StartsWith(DevData.CliRedirect, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(expectedError, parameters["error"]);
        Assert.False(string.IsNullOrWhiteSpace(parameters["error_description"]));
        Assert.Equal("state-123", parameters["state"]);
        Assert.DoesNotContain("code", parameters.Keys);
    }

    [Fact]
    public async Task Authorize_WithRepeatedParameter_RedirectsInvalidRequest()
    {
        var host = provider.Host;
        var url = ProviderRequests.AuthorizePath() +
            $"?client_id={DevData.CliClientId}&redirect_uri={Uri.EscapeDataString(DevData.CliRedirect)}&response_type=code&scope=a&scope=b&state=s";

        using var response = await host.Client.GetAsync(url);

        Assert.Equal("invalid_request", ProviderRequests.RedirectQuery(response)["error"]);
    }

    [Theory]
    [InlineData("{ApiScopePrefix}.default")]
    [InlineData("{ApiScopePrefix}default")]
    [InlineData("{ApiClientId}/Account.Read")]
    [InlineData("{ApiScopePrefix}Account.Read {ApiScopePrefix}Reports.Read openid profile email offline_access")]
    public async Task Authorize_WithAcceptedScopeSpellings_IssuesACode(string scope)
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["scope"] = DevData.Fill(scope);

        using var response = await host.Client.AuthorizeAsync(query);

        Assert.Contains("code", ProviderRequests.RedirectQuery(response).Keys);
    }

    [Fact]
    public async Task Authorize_WithPromptNoneAndNoLoginHint_RedirectsLoginRequired()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["prompt"] = "none";

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("login_required", parameters["error"]);
        Assert.Equal("state-123", parameters["state"]);
    }
}
