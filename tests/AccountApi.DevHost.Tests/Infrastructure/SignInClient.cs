using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountApi.DevHost.Tests.Infrastructure;

/// <summary>
/// What a client application does against the identity provider (over https) and the API: plain HTTP, no shortcuts.
/// </summary>
public sealed class SignInClient(HttpClient provider, HttpClient api)
{
    public const string ApiClientId = "11111111-1111-4111-8111-111111111111";
    public const string AccountRead = $"api://{ApiClientId}/Account.Read";
    public const string CliClientId = "22222222-2222-4222-8222-222222222222";
    public const string CliSecret = "dev-cli-secret";
    public const string CliRedirect = "http://localhost:3000/callback";
    public const string SpaClientId = "33333333-3333-4333-8333-333333333333";
    public const string SpaRedirect = "http://localhost:3000/spa";
    public const string DaemonClientId = "44444444-4444-4444-8444-444444444444";
    public const string DaemonSecret = "dev-daemon-secret";
    public const string ContosoDirectory = "c0c0c0c0-0000-4000-8000-000000000001";

    /// <summary>Sends the authorize request with a <c>login_hint</c> and returns the redirect's query.</summary>
    public async Task<Dictionary<string, string>> AuthorizeAsync(string user, string state, string tenant = "organizations")
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = CliClientId,
            ["redirect_uri"] = CliRedirect,
            ["response_type"] = "code",
            ["state"] = state,
            ["scope"] = $"{AccountRead} offline_access",
            ["login_hint"] = user,
        };
        using var response = await provider.GetAsync(QueryHelpers.AddQueryString($"/{tenant}/oauth2/v2.0/authorize", query));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(CliRedirect + "?", location, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    public Task<HttpResponseMessage> RedeemCodeAsync(string code, string tokenPath = "oauth2/v2.0/token") => PostTokenAsync(tokenPath, new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["client_id"] = CliClientId,
        ["client_secret"] = CliSecret,
        ["redirect_uri"] = CliRedirect,
    });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken, string tokenPath = "oauth2/v2.0/token") => PostTokenAsync(tokenPath, new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = CliClientId,
        ["client_secret"] = CliSecret,
        ["redirect_uri"] = CliRedirect,
    });

    public Task<HttpResponseMessage> ClientCredentialsAsync() => PostTokenAsync("oauth2/v2.0/token", new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = DaemonClientId,
        ["client_secret"] = DaemonSecret,
        ["scope"] = $"api://{ApiClientId}/.default",
    }, tenant: ContosoDirectory);

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
        request.Headers.Add("X-Tenant-ID", tenancy);
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
