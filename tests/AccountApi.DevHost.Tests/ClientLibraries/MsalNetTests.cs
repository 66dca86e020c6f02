using System.Net;
using System.Text.Json;
using AccountApi.DevHost.Tests.Infrastructure;
using AccountApi.Tests.Infrastructure;
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
    private static readonly string[] s_accountRead = [SignInClient.AccountRead];
    private readonly TrustingMsalHttpClientFactory _http = new(host);

    [Fact]
    public async Task ConfidentialClient_RedeemsCodeFindsAccountRefreshesAndOnlyTheNewTokenIsAccepted()
    {
        var app = ConfidentialClientApplicationBuilder.Create(SignInClient.CliClientId)
            .WithClientSecret(SignInClient.CliSecret)
            .WithAuthority($"{host.ProviderBase}/organizations")
            .WithInstanceDiscovery(false)
            .WithRedirectUri(SignInClient.CliRedirect)
            .WithHttpClientFactory(_http)
            .Build();

        // The web app sends the user to the URL MSAL builds; the provider redirects back with a code.
        var authorizeUrl = await app.GetAuthorizationRequestUrl(s_accountRead).WithLoginHint("alice@contoso.example").ExecuteAsync();
        var callback = await new SignInPageWebUi(host, "alice@contoso.example").AcquireAuthorizationCodeAsync(
            authorizeUrl, new Uri(SignInClient.CliRedirect), CancellationToken.None);
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

        var first = await app.AcquireTokenByAuthorizationCode(s_accountRead, code).ExecuteAsync();
        Assert.Equal("alice@contoso.example", first.Account.Username);
        Assert.Equal(SignInClient.ContosoDirectory, first.TenantId);
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
        var app = PublicClientApplicationBuilder.Create(SignInClient.SpaClientId)
            .WithAuthority($"{host.ProviderBase}/{SignInClient.ContosoDirectory}")
            .WithInstanceDiscovery(false)
            .WithRedirectUri(SignInClient.SpaRedirect)
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
        var app = ConfidentialClientApplicationBuilder.Create(SignInClient.DaemonClientId)
            .WithClientSecret(SignInClient.DaemonSecret)
            .WithAuthority($"{host.ProviderBase}/{SignInClient.ContosoDirectory}")
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(_http)
            .Build();

        var result = await app.AcquireTokenForClient([$"api://{SignInClient.ApiClientId}/.default"]).ExecuteAsync();

        using var api = host.CreateClient(host.ApiBase);
        await ProblemAssert.RefusedAsync(await GetMeAsync(api, result.AccessToken, "contoso"), "user_token_required");
    }

    public void Dispose() => _http.Dispose();

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
        request.Headers.Add("X-Tenant-ID", tenancy);
        return api.SendAsync(request);
    }
}
