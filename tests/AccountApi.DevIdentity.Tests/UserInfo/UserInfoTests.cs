using System.Net;
using System.Net.Http.Headers;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.UserInfo;

public sealed class UserInfoTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    private const string UserInfoPath = "/oidc/userinfo";

    [Fact]
    public async Task UserInfo_WithTheGraphTokenOfAnOpenIdSignIn_ReturnsTheUserWithTheIdTokensSubject()
    {
        var host = provider.Host;
        var body = await host.Client.SignInCliAsync("openid profile");

        using var response = await GetUserInfoAsync(host.Client, body.GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.ReadJsonAsync();
        Assert.Equal(body.IdToken().Subject, info.GetProperty("sub").GetString());
        Assert.Equal(DevData.AliceUser.DisplayName, info.GetProperty("name").GetString());
        Assert.Equal(DevData.Alice, info.GetProperty("preferred_username").GetString());
    }

    [Fact]
    public async Task UserInfo_ByPost_AlsoWorks()
    {
        var host = provider.Host;
        var body = await host.Client.SignInCliAsync("openid profile");
        using var request = new HttpRequestMessage(HttpMethod.Post, UserInfoPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UserInfo_WithAnApiAudienceToken_Returns401InvalidToken()
    {
        var host = provider.Host;
        var body = await host.Client.SignInCliAsync();

        using var response = await GetUserInfoAsync(host.Client, body.GetProperty("access_token").GetString()!);

        AssertInvalidToken(response, "Graph");
    }

    [Fact]
    public async Task UserInfo_WithAForgedSignature_Returns401InvalidToken()
    {
        var host = provider.Host;
        var token = (await host.Client.SignInCliAsync("openid profile")).GetProperty("access_token").GetString()!;
        var forged = token[..token.LastIndexOf('.')] + ".AAAA" + token[(token.LastIndexOf('.') + 5)..];

        using var response = await GetUserInfoAsync(host.Client, forged);

        AssertInvalidToken(response, "signed");
    }

    [Fact]
    public async Task UserInfo_WithAnExpiredToken_Returns401InvalidToken()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var token = (await host.Client.SignInCliAsync("openid profile")).GetProperty("access_token").GetString()!;
        host.Time.Advance(TimeSpan.FromHours(2));

        using var response = await GetUserInfoAsync(host.Client, token);

        AssertInvalidToken(response, "expired");
    }

    [Fact]
    public async Task UserInfo_AfterKeyRotation_AcceptsATokenSignedWithThePreviousKey()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var token = (await host.Client.SignInCliAsync("openid profile")).GetProperty("access_token").GetString()!;
        using var rotation = await host.Client.PostAsync("/keys/rotate", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        using var response = await GetUserInfoAsync(host.Client, token);

        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UserInfo_WithoutAToken_Returns401BearerChallenge()
    {
        var host = provider.Host;

        using var response = await host.Client.GetAsync(UserInfoPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    private static async Task<HttpResponseMessage> GetUserInfoAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, UserInfoPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static void AssertInvalidToken(HttpResponseMessage response, string reasonWord)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(reasonWord, challenge.Parameter, StringComparison.Ordinal);
    }
}
