using System.Net;
using System.Text.Json;
using AccountApi.DevHost.Tests.Infrastructure;
using AccountApi.DevIdentity;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.DevHost.Tests.SignIn;

/// <summary>
/// The seed's sign-in flow end to end over real sockets: the development identity provider issues the tokens over
/// https, the real Microsoft.Identity.Web pipeline validates them against the provider's discovery document and JWKS
/// (fetched over https, trusting exactly the development certificate), and the API answers.
/// </summary>
public sealed class SignInFlowTests : IClassFixture<DevHostFixture>
{
    private readonly DevHostFixture _host;
    private readonly SignInClient _client;

    public SignInFlowTests(DevHostFixture host)
    {
        _host = host;
        _client = new SignInClient(host.CreateClient(host.ProviderBase), host.CreateClient(host.ApiBase));
    }

    [Theory]
    [InlineData("oauth2/v2.0/token")]
    [InlineData("oauth2/v2.0/oauth/token")]
    public async Task SeedFlow_AuthorizeExchangeCallRefresh_RefusesTheReplacedTokens(string tokenPath)
    {
        // 1. Authorize with a state; the code comes back on the redirect with the state verbatim.
        const string State = "csrf-7f3a+/=&x";
        var callback = await _client.AuthorizeAsync("alice@contoso.example", State);
        Assert.Equal(State, callback["state"]);

        // 2. Exchange the code.
        var first = await SignInClient.ReadTokensAsync(await _client.RedeemCodeAsync(callback["code"], tokenPath));
        Assert.Equal("Bearer", first.GetProperty("token_type").GetString());
        Assert.True(first.GetProperty("expires_in").GetInt32() > 0);
        Assert.True(first.GetProperty("created_at").GetInt64() > 1_600_000_000);
        var firstAccess = first.GetProperty("access_token").GetString()!;
        var firstRefresh = first.GetProperty("refresh_token").GetString()!;

        // 3. Call the API with the tenancy.
        using (var me = await _client.GetMeAsync(firstAccess, "contoso"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            var account = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("alice@contoso.example", account.GetProperty("username").GetString());
            Assert.Equal(DevData.ContosoTenantId, account.GetProperty("directoryId").GetString());
            Assert.Equal("contoso", account.GetProperty("tenancy").GetProperty("name").GetString());
        }

        // 4. Refresh: new tokens work, the old access token and the old refresh token do not.
        var second = await SignInClient.ReadTokensAsync(await _client.RefreshAsync(firstRefresh, tokenPath));
        Assert.NotEqual(firstRefresh, second.GetProperty("refresh_token").GetString());
        using (var me = await _client.GetMeAsync(second.GetProperty("access_token").GetString()!, "contoso"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        await ProblemAssert.RefusedAsync(await _client.GetMeAsync(firstAccess, "contoso"), "invalid_token");
        using var reused = await _client.RefreshAsync(firstRefresh, tokenPath);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await reused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Refresh_WithAlreadyReplacedRefreshToken_RevokesTheWholeChainAtTheApi()
    {
        var first = await _client.SignInAsync("carol@contoso.example");
        var second = await SignInClient.ReadTokensAsync(await _client.RefreshAsync(first.GetProperty("refresh_token").GetString()!));
        var latestAccess = second.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetMeAsync(latestAccess, "contoso")).StatusCode);

        // An attacker replays the stolen first refresh token.
        using var replay = await _client.RefreshAsync(first.GetProperty("refresh_token").GetString()!);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        await ProblemAssert.RefusedAsync(await _client.GetMeAsync(latestAccess, "contoso"), "invalid_token");
        using var latestRefresh = await _client.RefreshAsync(second.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, latestRefresh.StatusCode);
    }

    [Fact]
    public async Task RedeemCode_Twice_FailsAndRevokesWhatTheFirstRedemptionIssued()
    {
        var callback = await _client.AuthorizeAsync("alice@contoso.example", "state-1");
        var tokens = await SignInClient.ReadTokensAsync(await _client.RedeemCodeAsync(callback["code"]));
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetMeAsync(access, "contoso")).StatusCode);

        using var second = await _client.RedeemCodeAsync(callback["code"]);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        await ProblemAssert.RefusedAsync(await _client.GetMeAsync(access, "contoso"), "invalid_token");
    }

    [Fact]
    public async Task ClientCredentialsToken_IsRefusedByGetMeAsUserTokenRequired()
    {
        var tokens = await SignInClient.ReadTokensAsync(await _client.ClientCredentialsAsync());

        using var response = await _client.GetMeAsync(tokens.GetProperty("access_token").GetString()!, "contoso");

        await ProblemAssert.RefusedAsync(response, "user_token_required");
    }

    [Fact]
    public async Task FabrikamUser_OnContosoTenancy_IsRefusedAsTenantNotPermitted()
    {
        var tokens = await _client.SignInAsync("bob@fabrikam.example");
        var access = tokens.GetProperty("access_token").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await _client.GetMeAsync(access, "fabrikam")).StatusCode);
        await ProblemAssert.RefusedAsync(await _client.GetMeAsync(access, "contoso"), "tenant_not_permitted");
    }

    [Fact]
    public async Task ContosoUser_OnSuspendedNorthwind_IsRefusedAsTenantNotPermitted()
    {
        var tokens = await _client.SignInAsync("alice@contoso.example");

        using var response = await _client.GetMeAsync(tokens.GetProperty("access_token").GetString()!, "northwind");

        await ProblemAssert.RefusedAsync(response, "tenant_not_permitted");
    }

    [Fact]
    public async Task KeyRotation_ApiAcceptsTokensOfTheNewKeyAfterRefreshingItsKeys()
    {
        var before = (await _client.SignInAsync("alice@contoso.example")).GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetMeAsync(before, "contoso")).StatusCode);

        await _host.Host.IdentityProvider.Services.GetRequiredService<IDevSigningKeys>().RotateAsync();
        var after = (await _client.SignInAsync("alice@contoso.example")).GetProperty("access_token").GetString()!;

        // The API learns the new key when a token names a kid it does not know (JwtBearer refreshes its metadata);
        // IdentityModel may do that refresh in the background, so allow it a few requests.
        var status = HttpStatusCode.Forbidden;
        for (var attempt = 0; attempt < 50 && status != HttpStatusCode.OK; attempt++)
        {
            using var response = await _client.GetMeAsync(after, "contoso");
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
        // The previous key stays published, so tokens issued before the rotation still work until they expire.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetMeAsync(before, "contoso")).StatusCode);
    }
}
