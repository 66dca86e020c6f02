using System.Globalization;
using System.Net;
using System.Text.Json;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Token;

/// <summary>The <c>claims</c> parameter as Entra honours it for continuous access evaluation: <c>nbf</c> and <c>xms_cc</c>.</summary>
public sealed class ClaimsRequestTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Refresh_WithClaimsAskingForNbf_IssuesATokenIssuedAtThatInstant()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        var cutOff = first.AccessToken().IssuedAt.AddSeconds(90);
        var form = ProviderRequests.CliRefresh(first.GetProperty("refresh_token").GetString()!);
        form["claims"] = NbfClaims(cutOff);

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = (await response.ReadJsonAsync()).AccessToken();
        Assert.Equal(cutOff, renewed.IssuedAt);
        Assert.Equal(cutOff, renewed.ValidFrom);
        Assert.Equal(cutOff.AddHours(1), renewed.ValidTo);
    }

    [Fact]
    public async Task Refresh_WithClaimsAskingForAnNbfInThePast_IssuesATokenIssuedNow()
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        var form = ProviderRequests.CliRefresh(first.GetProperty("refresh_token").GetString()!);
        form["claims"] = NbfClaims(first.AccessToken().IssuedAt.AddHours(-1));

        using var response = await host.Client.TokenAsync(form);

        Assert.True((await response.ReadJsonAsync()).AccessToken().IssuedAt >= first.AccessToken().IssuedAt);
    }

    [Fact]
    public async Task Authorize_WithClientCapabilities_TheRedeemedTokenCarriesXmsCc()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["claims"] = """{"access_token":{"xms_cc":{"values":["cp1"]}}}""";
        var code = await host.Client.GetCodeAsync(query);

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        var token = (await response.ReadJsonAsync()).AccessToken();
        Assert.Equal(["cp1"], token.Claims.Where(c => c.Type == "xms_cc").Select(c => c.Value));
    }

    [Fact]
    public async Task Token_WithoutClaims_CarriesNoXmsCc()
    {
        var token = (await provider.Host.Client.SignInCliAsync()).AccessToken();

        Assert.False(token.TryGetClaim("xms_cc", out _));
    }

    [Theory]
    [InlineData("""{"access_token":{"acrs":{"essential":true,"value":"c1"}}}""", new[] { "c1" })]
    [InlineData("""{"access_token":{"acrs":{"essential":true,"values":["c1","c25"]}}}""", new[] { "c1", "c25" })]
    public async Task Refresh_WithClaimsAskingForAuthenticationContexts_TheTokenCarriesThemInAcrs(string claims, string[] expected)
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        Assert.False(first.AccessToken().TryGetClaim("acrs", out _));
        var form = ProviderRequests.CliRefresh(first.GetProperty("refresh_token").GetString()!);
        form["claims"] = claims;

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(expected, (await response.ReadJsonAsync()).AccessToken().Claims.Where(c => c.Type == "acrs").Select(c => c.Value));
    }

    [Theory]
    [InlineData("""{"access_token":{"acrs":{"essential":true,"value":"mfa"}}}""")]
    [InlineData("""{"access_token":{"acrs":{"essential":true,"value":"c0"}}}""")]
    [InlineData("not json")]
    [InlineData("""{"access_token":{"nbf":{"essential":true,"value":"soon"}}}""")]
    [InlineData("""{"access_token":{"nbf":{"essential":true,"value":"99999999999"}}}""")]
    public async Task Refresh_WithMalformedOrFarFutureClaims_ReturnsInvalidRequest(string claims)
    {
        var host = provider.Host;
        var first = await host.Client.SignInCliAsync();
        var form = ProviderRequests.CliRefresh(first.GetProperty("refresh_token").GetString()!);
        form["claims"] = claims;

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }

    private static string NbfClaims(DateTime notBefore) => JsonSerializer.Serialize(new
    {
        access_token = new { nbf = new { essential = true, value = new DateTimeOffset(notBefore, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) } },
    });
}
