using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AccountApi.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountApi.DevHost.Tests.Infrastructure;

/// <summary>
/// What a client application does against the identity provider (over https) and the API: plain HTTP, no shortcuts.
/// Its clients, secrets, redirect URIs and directory are the development data the host itself reads (<see cref="DevData"/>),
/// never restated here.
/// </summary>
public sealed class SignInClient(HttpClient provider, HttpClient api)
{
    /// <summary>Sends the authorize request with a <c>login_hint</c> and returns the redirect's query.</summary>
    public async Task<Dictionary<string, string>> AuthorizeAsync(string user, string state, string tenant = "organizations")
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = DevData.CliClientId,
            ["redirect_uri"] = DevData.CliRedirect,
            ["response_type"] = "code",
            ["state"] = state,
            ["scope"] = $"{DevData.AccountRead} offline_access",
            ["login_hint"] = user,
        };
        using var response = await provider.GetAsync(QueryHelpers.AddQueryString($"/{tenant}/oauth2/v2.0/authorize", query));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(DevData.CliRedirect + "?", location, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    public Task<HttpResponseMessage> RedeemCodeAsync(string code, string tokenPath = "oauth2/v2.0/token") => PostTokenAsync(tokenPath, new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["client_id"] = DevData.CliClientId,
        ["client_secret"] = DevData.CliSecret,
        ["redirect_uri"] = DevData.CliRedirect,
    });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken, string tokenPath = "oauth2/v2.0/token") => PostTokenAsync(tokenPath, new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = DevData.CliClientId,
        ["client_secret"] = DevData.CliSecret,
        ["redirect_uri"] = DevData.CliRedirect,
    });

    public Task<HttpResponseMessage> ClientCredentialsAsync() => PostTokenAsync("oauth2/v2.0/token", new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = DevData.DaemonClientId,
        ["client_secret"] = DevData.DaemonSecret,
        ["scope"] = $"api://{DevData.ApiClientId}/.default",
    }, tenant: DevData.ContosoTenantId);

    /// <summary>The operator's application token (client credentials in Contoso), as README's quick start gets it.</summary>
    public Task<HttpResponseMessage> OperatorTokenAsync() => PostTokenAsync("oauth2/v2.0/token", new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = DevData.OperatorClientId,
        ["client_secret"] = DevData.OperatorSecret,
        ["scope"] = $"api://{DevData.ApiClientId}/.default",
    }, tenant: DevData.ContosoTenantId);

    /// <summary>Sends <paramref name="request"/> to the API.</summary>
    public Task<HttpResponseMessage> SendToApiAsync(HttpRequestMessage request) => api.SendAsync(request);

    /// <summary>Signs <paramref name="user"/> in and redeems the code: the token response.</summary>
    public async Task<JsonElement> SignInAsync(string user)
    {
        var callback = await AuthorizeAsync(user, state: "s-" + Guid.NewGuid().ToString("N"));
        return await ReadTokensAsync(await RedeemCodeAsync(callback["code"]));
    }

    public Task<HttpResponseMessage> GetMeAsync(string accessToken, string tenancy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        return api.SendAsync(request);
    }

    public static async Task<JsonElement> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token endpoint answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<HttpResponseMessage> PostTokenAsync(string tokenPath, Dictionary<string, string> form, string tenant = "organizations") =>
        provider.PostAsync($"/{tenant}/{tokenPath}", new FormUrlEncodedContent(form));
}
