using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Authorize;

public sealed class PkceAuthorizeTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Authorize_PublicClientWithoutPkce_RedirectsInvalidRequest()
    {
        var host = provider.Host;
        var query = ProviderRequests.SpaAuthorize(PkcePair.Create());
        query.Remove("code_challenge");
        query.Remove("code_challenge_method");

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("PKCE", parameters["error_description"], StringComparison.Ordinal);
        Assert.Equal("spa-state", parameters["state"]);
    }

    [Fact]
    public async Task Authorize_WithPlainChallengeMethod_IsRefused()
    {
        var host = provider.Host;
        var query = ProviderRequests.SpaAuthorize(PkcePair.Create());
        query["code_challenge_method"] = "plain";

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("S256", parameters["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithChallengeButNoMethod_IsRefusedBecausePlainIsTheDefault()
    {
        var host = provider.Host;
        var query = ProviderRequests.SpaAuthorize(PkcePair.Create());
        query.Remove("code_challenge_method");

        using var response = await host.Client.AuthorizeAsync(query);

        Assert.Equal("invalid_request", ProviderRequests.RedirectQuery(response)["error"]);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("has+plus/and=padding_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Authorize_WithMalformedChallenge_IsRefused(string challenge)
    {
        var host = provider.Host;
        var query = ProviderRequests.SpaAuthorize(PkcePair.Create());
        query["code_challenge"] = challenge;

        using var response = await host.Client.AuthorizeAsync(query);

        Assert.Equal("invalid_request", ProviderRequests.RedirectQuery(response)["error"]);
    }
}
