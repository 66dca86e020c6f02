using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Token;

public sealed class EntraErrorTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Token_Refused_CarriesEntrasErrorCodesTimestampTraceAndEchoedCorrelationId()
    {
        var host = provider.Host;
        var correlationId = Guid.NewGuid().ToString("D");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{DevData.ContosoTenantId}/oauth2/v2.0/token")
        {
            Content = new FormUrlEncodedContent(ProviderRequests.CliRedemption("no-such-code")),
        };
        request.Headers.Add("client-request-id", correlationId);

        using var response = await host.Client.SendAsync(request);

        var body = await response.ReadJsonAsync();
        Assert.Equal("invalid_grant", body.Error());
        Assert.Equal([70000], body.GetProperty("error_codes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.StartsWith("AADSTS70000: ", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(correlationId, body.GetProperty("correlation_id").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("trace_id").GetString(), out _));
        Assert.EndsWith("Z", body.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithUnknownClient_ReturnsUnauthorizedClient700016LikeEntra()
    {
        var host = provider.Host;
        var form = ProviderRequests.CliRedemption("any");
        form["client_id"] = "99999999-9999-4999-8999-999999999999";

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("unauthorized_client", body.Error());
        Assert.Equal(700016, body.GetProperty("error_codes")[0].GetInt32());
    }

    [Fact]
    public async Task Token_WithWrongSecret_ReturnsInvalidClient7000215()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        var form = ProviderRequests.CliRedemption(code);
        form["client_secret"] = "wrong";

        using var response = await host.Client.TokenAsync(form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(7000215, (await response.ReadJsonAsync()).GetProperty("error_codes")[0].GetInt32());
    }

    [Fact]
    public async Task Token_WithReusedCode_ReturnsInvalidGrant54005()
    {
        var host = provider.Host;
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        using var first = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        using var second = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        var body = await second.ReadJsonAsync();
        Assert.Equal("invalid_grant", body.Error());
        Assert.Equal(54005, body.GetProperty("error_codes")[0].GetInt32());
    }

    [Fact]
    public async Task Authorize_WithUnregisteredRedirectUri_ShowsAADSTS50011OnThePage()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["redirect_uri"] = "https://evil.example/cb";

        using var response = await host.Client.AuthorizeAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AADSTS50011", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
