using System.Net;
using System.Text;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Signing;

/// <summary>
/// The rotation endpoint is anonymous, so it must not be reachable by a cross-site "simple" request (a form post or
/// a bodiless POST from any page the developer visits): only a JSON POST, which a browser sends cross-site only after
/// a preflight that no CORS policy answers, rotates the key.
/// </summary>
public sealed class KeyRotationEndpointTests
{
    private const string RotatePath = DevData.Prefix + "/keys/rotate";
    private static readonly string s_jwksPath = $"{DevData.Prefix}/{DevData.ContosoTenantId}/discovery/v2.0/keys";

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "a=b")]
    [InlineData("multipart/form-data; boundary=x", "--x--\r\n")]
    [InlineData("text/plain", "{}")]
    public async Task Rotate_WithACorsSimpleContentType_Returns415AndKeepsTheKey(string contentType, string body)
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var kid = await CurrentKidAsync(host);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await host.Client.PostAsync(RotatePath, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var error = await response.ReadJsonAsync();
        Assert.Equal("invalid_request", error.Error());
        Assert.Contains("application/json", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(kid, await CurrentKidAsync(host));
    }

    [Fact]
    public async Task Rotate_WithoutABody_Returns415AndKeepsTheKey()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var kid = await CurrentKidAsync(host);

        using var response = await host.Client.PostAsync(RotatePath, content: null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
        Assert.Equal(kid, await CurrentKidAsync(host));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task Rotate_WithAJsonBody_RotatesTheKey(string contentType)
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var kid = await CurrentKidAsync(host);
        using var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await host.Client.PostAsync(RotatePath, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rotated = await response.ReadJsonAsync();
        Assert.Equal(kid, rotated.GetProperty("previous_kid").GetString());
        Assert.NotEqual(kid, await CurrentKidAsync(host));
    }

    private static async Task<string> CurrentKidAsync(DevIdentityTestHost host) =>
        (await host.Client.GetJsonAsync(s_jwksPath)).GetProperty("keys")[0].GetProperty("kid").GetString()!;
}
