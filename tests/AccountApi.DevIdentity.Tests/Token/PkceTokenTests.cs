using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Token;

public sealed class PkceTokenTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Token_PublicClientWithRightVerifier_IssuesTokenMarkedPublic()
    {
        var host = provider.Host;
        var pkce = PkcePair.Create();
        var code = await host.Client.GetCodeAsync(ProviderRequests.SpaAuthorize(pkce));

        using var response = await host.Client.TokenAsync(ProviderRequests.SpaRedemption(code, pkce.Verifier));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jwt = (await response.ReadJsonAsync()).AccessToken();
        Assert.Equal("0", jwt.GetClaim("azpacr").Value);
        Assert.Equal(DevData.SpaClientId, jwt.GetClaim("azp").Value);
    }

    [Fact]
    public async Task Token_WithWrongVerifier_ReturnsInvalidGrant()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.SpaAuthorize(PkcePair.Create()));

        using var response = await host.Client.TokenAsync(ProviderRequests.SpaRedemption(code, PkcePair.Create().Verifier));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_WithoutVerifierForChallengedCode_ReturnsInvalidRequest()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.SpaAuthorize(PkcePair.Create()));
        var form = ProviderRequests.SpaRedemption(code, "unused");
        form.Remove("code_verifier");

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_ConfidentialClientWithPkce_ChecksTheVerifierToo()
    {
        var host = provider.Host;
        var pkce = PkcePair.Create();
        var query = ProviderRequests.CliAuthorize();
        query["code_challenge"] = pkce.Challenge;
        query["code_challenge_method"] = "S256";
        var code = await host.Client.GetCodeAsync(query);
        var wrong = ProviderRequests.CliRedemption(code);
        wrong["code_verifier"] = PkcePair.Create().Verifier;

        using var refused = await host.Client.TokenAsync(wrong);

        Assert.Equal("invalid_grant", (await refused.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_PublicClientSendingASecret_Returns401InvalidClient()
    {
        var host = provider.Host;
        var pkce = PkcePair.Create();
        var code = await host.Client.GetCodeAsync(ProviderRequests.SpaAuthorize(pkce));
        var form = ProviderRequests.SpaRedemption(code, pkce.Verifier);
        form["client_secret"] = "anything";

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
