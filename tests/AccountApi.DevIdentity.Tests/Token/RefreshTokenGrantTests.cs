using System.Net;
using System.Text.Json;
using AccountApi.DevIdentity.Tests.Infrastructure;
using AccountApi.Entra;

namespace AccountApi.DevIdentity.Tests.Token;

public sealed class RefreshTokenGrantTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Refresh_IssuesNewTokensAndRevokesTheOldAccessToken()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(first)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = await response.ReadJsonAsync();
        Assert.NotEqual(RefreshToken(first), RefreshToken(second));
        Assert.NotEqual(Digest(first), Digest(second));
        Assert.Equal(DevData.Alice, second.AccessToken().GetClaim("preferred_username").Value);
        Assert.True(host.Sink.Revoked.ContainsKey(Digest(first)));
        Assert.False(host.Sink.Revoked.ContainsKey(Digest(second)));
    }

    [Fact]
    public async Task Refresh_WithTheReplacedRefreshToken_ReturnsInvalidGrant()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        using var rotation = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(first)));

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(first)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Refresh_ReuseOfReplacedToken_RevokesTheWholeChain()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        using var rotation = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(first)));
        var second = await rotation.ReadJsonAsync();

        using var reuse = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(first)));
        using var afterReuse = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(second)));

        Assert.Equal("invalid_grant", (await reuse.ReadJsonAsync()).Error());
        Assert.True(host.Sink.Revoked.ContainsKey(Digest(second)), "the live access token of the chain is revoked");
        Assert.Equal("invalid_grant", (await afterReuse.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Refresh_ReuseDoesNotTouchOtherSignIns()
    {
        var host = provider.Host;
        var victim = await host.Client.SignInCliAsync();
        var other = await host.Client.SignInCliAsync();
        using var rotation = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(victim)));

        using var reuse = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(victim)));

        Assert.Equal("invalid_grant", (await reuse.ReadJsonAsync()).Error());
        Assert.False(host.Sink.Revoked.ContainsKey(Digest(other)));
        using var otherRefresh = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(other)));
        Assert.Equal(HttpStatusCode.OK, otherRefresh.StatusCode);
    }

    [Fact]
    public async Task Refresh_WithNarrowerScope_NarrowsTheAccessTokenButKeepsTheGrant()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync(DevData.ApiScopePrefix + ".default");
        var narrow = ProviderRequests.CliRefresh(RefreshToken(first));
        narrow["scope"] = DevData.ApiScopePrefix + "Reports.Read";

        using var narrowed = await host.Client.TokenAsync(narrow);
        var narrowedBody = await narrowed.ReadJsonAsync();
        using var full = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(narrowedBody)));

        Assert.Equal("Reports.Read", narrowedBody.AccessToken().GetClaim("scp").Value);
        Assert.Equal("Account.Read Reports.Read", (await full.ReadJsonAsync()).AccessToken().GetClaim("scp").Value);
    }

    [Fact]
    public async Task Refresh_WithWiderScope_ReturnsInvalidScope()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        var widen = ProviderRequests.CliRefresh(RefreshToken(first));
        widen["scope"] = DevData.ApiScopePrefix + "Reports.Read";

        using var response = await host.Client.TokenAsync(widen);

        Assert.Equal("invalid_scope", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Refresh_WithDifferentRedirectUri_ReturnsInvalidGrant()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        var matching = ProviderRequests.CliRefresh(RefreshToken(first));
        matching["redirect_uri"] = "http://localhost:3000/elsewhere";

        using var response = await host.Client.TokenAsync(matching);

        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Refresh_WithTheSeedsRedirectUriParameter_Succeeds()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        var form = ProviderRequests.CliRefresh(RefreshToken(first));
        form["redirect_uri"] = DevData.CliRedirect;

        using var response = await host.Client.TokenAsync(form, DevData.CliClientId, "oauth/token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_ByAnotherClient_ReturnsInvalidGrant()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = RefreshToken(first), ["client_id"] = DevData.SpaClientId,
        };

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Refresh_AfterRefreshTokenLifetime_ReturnsInvalidGrant()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var first = await host.Client.SignInCliAsync();
        host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRefresh(RefreshToken(first)));

        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }

    private static string RefreshToken(JsonElement body) => body.GetProperty("refresh_token").GetString()!;

    // The provider reports revoked access tokens by digest, never by uti or as the token itself.
    private static string Digest(JsonElement body) => AccessTokenDigest.Of(body.GetProperty("access_token").GetString()!);
}
