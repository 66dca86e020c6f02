using System.Net;
using System.Text.Json;
using AccountApi.DevHost.Tests.Infrastructure;
using AccountApi.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensibility;

namespace AccountApi.DevHost.Tests.ClientLibraries;

/// <summary>
/// MSAL.NET (Microsoft.Identity.Client) against the development host with nothing but its ordinary settings for a
/// custom authority: <c>WithAuthority("https://localhost:{port}/{tenant}")</c> and <c>WithInstanceDiscovery(false)</c>.
/// </summary>
public sealed class MsalNetTests(DevHostFixture host) : IClassFixture<DevHostFixture>, IDisposable
{
    private static readonly string[] s_accountRead = [DevData.AccountRead];
    private readonly TrustingMsalHttpClientFactory _http = new(host);

    [Fact]
    public async Task ConfidentialClient_RedeemsCodeFindsAccountRefreshesAndOnlyTheNewTokenIsAccepted()
    {
        var app = CliApp();

        var first = await SignInAsync(app, "alice@contoso.example");
        Assert.Equal("alice@contoso.example", first.Account.Username);
        Assert.Equal(DevData.ContosoTenantId, first.TenantId);
        Assert.NotNull(first.IdToken);

        // The account is in MSAL's cache (it needs the id_token / client_info for that), so a silent refresh works.
        var account = await app.GetAccountAsync(first.Account.HomeAccountId.Identifier);
        Assert.NotNull(account);
        var refreshed = await app.AcquireTokenSilent(s_accountRead, account).WithForceRefresh(true).ExecuteAsync();
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);

        using var api = host.CreateClient(host.ApiBase);
        await AssertAccountAsync(api, refreshed.AccessToken, "alice@contoso.example");
        // The seed's rule: a refresh invalidates the access token it replaces.
        await ProblemAssert.RefusedAsync(await GetMeAsync(api, first.AccessToken, "contoso"), "invalid_token");
    }

    [Fact]
    public async Task PublicClient_InteractiveWithPkce_GetsATokenTheApiAccepts()
    {
        var app = PublicClientApplicationBuilder.Create(DevData.SpaClientId)
            .WithAuthority($"{host.ProviderBase}/{DevData.ContosoTenantId}")
            .WithInstanceDiscovery(false)
            .WithRedirectUri(DevData.SpaRedirect)
            .WithHttpClientFactory(_http)
            .Build();

        var result = await app.AcquireTokenInteractive(s_accountRead)
            .WithLoginHint("carol@contoso.example")
            .WithCustomWebUi(new SignInPageWebUi(host, "carol@contoso.example"))
            .ExecuteAsync();

        Assert.Equal("carol@contoso.example", result.Account.Username);
        var account = Assert.Single(await app.GetAccountsAsync());
        var silent = await app.AcquireTokenSilent(s_accountRead, account).WithForceRefresh(true).ExecuteAsync();
        using var api = host.CreateClient(host.ApiBase);
        await AssertAccountAsync(api, silent.AccessToken, "carol@contoso.example");
    }

    [Fact]
    public async Task Daemon_ClientCredentials_IsRefusedByGetMeAsUserTokenRequired()
    {
        var app = ConfidentialClientApplicationBuilder.Create(DevData.DaemonClientId)
            .WithClientSecret(DevData.DaemonSecret)
            .WithAuthority($"{host.ProviderBase}/{DevData.ContosoTenantId}")
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(_http)
            .Build();

        var result = await app.AcquireTokenForClient([$"api://{DevData.ApiClientId}/.default"]).ExecuteAsync();

        using var api = host.CreateClient(host.ApiBase);
        await ProblemAssert.RefusedAsync(await GetMeAsync(api, result.AccessToken, "contoso"), "user_token_required");
    }

    [Fact]
    public async Task ClientWithCp1_AfterSignOutEverywhere_GetsAClaimsChallengeAndRecoversWithANewToken()
    {
        var app = CliApp(capabilities: ["cp1"]);
        var first = await SignInAsync(app, "alice@contoso.example");
        using var api = host.CreateClient(host.ApiBase);

        using var revoke = await PostAsync(api, "/account/me/sessions/revoke", first.AccessToken, "contoso");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var refused = await GetMeAsync(api, first.AccessToken, "contoso");
        await ProblemAssert.RefusedAsync(refused, "invalid_token");

        // What an MSAL client with client capabilities does on a claims challenge, as Microsoft documents for CAE.
        var claims = WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(refused.Headers);
        Assert.NotNull(claims);
        var account = await app.GetAccountAsync(first.Account.HomeAccountId.Identifier);
        var renewed = await app.AcquireTokenSilent(s_accountRead, account).WithClaims(claims).ExecuteAsync();

        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        await AssertAccountAsync(api, renewed.AccessToken, "alice@contoso.example");
    }

    [Fact]
    public async Task OperatorDaemon_RevokesAUser_AndTheUsersTokenIsRefused_AndHerEntraSessionIsEndedThroughGraph()
    {
        var user = CliApp();
        var carol = await SignInAsync(user, "carol@contoso.example");
        var operatorApp = OperatorApp();
        var operatorToken = await operatorApp.AcquireTokenForClient([$"api://{DevData.ApiClientId}/.default"]).ExecuteAsync();
        using var api = host.CreateClient(host.ApiBase);
        await AssertAccountAsync(api, carol.AccessToken, "carol@contoso.example");

        using var revoke = await PostAsync(
            api, $"/admin/directories/{carol.TenantId}/users/{carol.Account.HomeAccountId.ObjectId}/revoke", operatorToken.AccessToken, tenancy: null);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await ProblemAssert.RefusedAsync(await GetMeAsync(api, carol.AccessToken, "contoso"), "invalid_token");

        // The service also called Graph's revokeSignInSessions (Revocation:Graph): the refresh token MSAL holds is dead,
        // so a thief holding it gets no token issued after the cut-off; only a new sign-in does.
        var account = await user.GetAccountAsync(carol.Account.HomeAccountId.Identifier);
        var refused = await Assert.ThrowsAsync<MsalUiRequiredException>(
            () => user.AcquireTokenSilent(s_accountRead, account).WithForceRefresh(true).ExecuteAsync());
        Assert.Equal("invalid_grant", refused.ErrorCode);
    }

    [Fact]
    public async Task TenancyRequiringAnAuthenticationContext_Challenges_AndMsalStepsUpWithClaims()
    {
        // The operator onboards a tenancy that asks for authentication context c1 ("MFA within the hour", say).
        var operatorApp = OperatorApp();
        var operatorToken = await operatorApp.AcquireTokenForClient([$"api://{DevData.ApiClientId}/.default"]).ExecuteAsync();
        using var api = host.CreateClient(host.ApiBase);
        using var onboard = new HttpRequestMessage(HttpMethod.Put, "/admin/tenancies/stepup")
        {
            Content = new StringContent($$"""{"directoryIds":["{{DevData.ContosoTenantId}}"],"requiredAuthenticationContexts":["c1"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        onboard.Headers.Authorization = new("Bearer", operatorToken.AccessToken);
        using var onboarded = await api.SendAsync(onboard);
        Assert.True(onboarded.IsSuccessStatusCode, await onboarded.Content.ReadAsStringAsync());

        var app = CliApp();
        var first = await SignInAsync(app, "alice@contoso.example");
        using var refused = await GetMeAsync(api, first.AccessToken, "stepup");
        await ProblemAssert.RefusedAsync(refused, "insufficient_claims");

        // What Microsoft documents for a Conditional Access claims challenge: ask again with the claims.
        var claims = WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(refused.Headers);
        Assert.NotNull(claims);
        var account = await app.GetAccountAsync(first.Account.HomeAccountId.Identifier);
        var steppedUp = await app.AcquireTokenSilent(s_accountRead, account).WithClaims(claims).ExecuteAsync();

        using var served = await GetMeAsync(api, steppedUp.AccessToken, "stepup");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The operator's daemon (client credentials in Contoso), as MSAL.NET is set up for a custom authority.</summary>
    private IConfidentialClientApplication OperatorApp() =>
        ConfidentialClientApplicationBuilder.Create(DevData.OperatorClientId)
            .WithClientSecret(DevData.OperatorSecret)
            .WithAuthority($"{host.ProviderBase}/{DevData.ContosoTenantId}")
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(_http)
            .Build();

    /// <summary>The account-cli web app, as MSAL.NET is set up for a custom authority.</summary>
    private IConfidentialClientApplication CliApp(string[]? capabilities = null) =>
        ConfidentialClientApplicationBuilder.Create(DevData.CliClientId)
            .WithClientSecret(DevData.CliSecret)
            .WithAuthority($"{host.ProviderBase}/organizations")
            .WithInstanceDiscovery(false)
            .WithRedirectUri(DevData.CliRedirect)
            .WithClientCapabilities(capabilities ?? [])
            .WithHttpClientFactory(_http)
            .Build();

    // The web app sends the user to the URL MSAL builds; the provider redirects back with a code, which MSAL redeems.
    private async Task<AuthenticationResult> SignInAsync(IConfidentialClientApplication app, string user)
    {
        var authorizeUrl = await app.GetAuthorizationRequestUrl(s_accountRead).WithLoginHint(user).ExecuteAsync();
        var callback = await new SignInPageWebUi(host, user).AcquireAuthorizationCodeAsync(
            authorizeUrl, new Uri(DevData.CliRedirect), CancellationToken.None);
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        return await app.AcquireTokenByAuthorizationCode(s_accountRead, code).ExecuteAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient api, string path, string accessToken, string? tenancy)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new("Bearer", accessToken);
        if (tenancy is not null)
        {
            request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        }

        return api.SendAsync(request);
    }

    private static async Task AssertAccountAsync(HttpClient api, string accessToken, string expectedUser)
    {
        using var response = await GetMeAsync(api, accessToken, "contoso");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(expectedUser, JsonDocument.Parse(body).RootElement.GetProperty("username").GetString());
    }

    private static Task<HttpResponseMessage> GetMeAsync(HttpClient api, string accessToken, string tenancy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.Authorization = new("Bearer", accessToken);
        request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        return api.SendAsync(request);
    }
}
