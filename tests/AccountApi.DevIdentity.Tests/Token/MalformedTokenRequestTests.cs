using System.Net;
using System.Text;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Token;

public sealed class MalformedTokenRequestTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    private static string TokenPath => $"/{DevData.ContosoTenantId}/oauth2/v2.0/token";

    [Theory]
    [InlineData("application/json", """{"grant_type":"client_credentials"}""")]
    [InlineData("text/plain", "grant_type=client_credentials")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--x--\r\n")]
    [InlineData("application/x-www-form-urlencoded", "%%%&&&==\u0000garbage")]
    [InlineData("application/x-www-form-urlencoded", "")]
    public async Task Token_WithWrongContentTypeOrGarbage_Returns400InvalidRequest(string contentType, string body)
    {
        var host = provider.Host;
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await host.Client.PostAsync(TokenPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_WithDuplicatedParameter_Returns400InvalidRequestNamingIt()
    {
        var host = provider.Host;
        using var content = new StringContent(
            $"grant_type=client_credentials&client_id={DevData.DaemonClientId}&client_secret={DevData.DaemonSecret}&scope=a&scope=b",
            Encoding.UTF8,
            "application/x-www-form-urlencoded");

        using var response = await host.Client.PostAsync(TokenPath, content);

        var body = await response.ReadJsonAsync();
        Assert.Equal("invalid_request", body.Error());
        Assert.Contains("'scope'", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData(null, "invalid_request")]
    public async Task Token_WithUnsupportedOrMissingGrantType_IsRefused(string? grantType, string expectedError)
    {
        var host = provider.Host;
        var form = new Dictionary<string, string> { ["client_id"] = DevData.CliClientId, ["client_secret"] = DevData.CliSecret };
        if (grantType is not null)
        {
            form["grant_type"] = grantType;
        }

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expectedError, (await response.ReadJsonAsync()).Error());
    }

    [Theory]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic bm9jb2xvbg==")]
    public async Task Token_WithMalformedBasicHeader_Returns401InvalidClient(string header)
    {
        var host = provider.Host;
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.ReadJsonAsync()).Error());
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("refresh_token")]
    public async Task Token_WithMissingGrantParameter_Returns400InvalidRequest(string grantType)
    {
        var host = provider.Host;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = grantType, ["client_id"] = DevData.CliClientId, ["client_secret"] = DevData.CliSecret,
        };

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_WithUnknownCode_ReturnsInvalidGrant()
    {
        var host = provider.Host;

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption("made-up-code"));

        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_AtUnknownTenant_Returns400InvalidRequest()
    {
        var host = provider.Host;

        using var response = await host.Client.TokenAsync(ProviderRequests.CliRedemption("x"), "99999999-9999-4999-8999-999999999999");

        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }
}
