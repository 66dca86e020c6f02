using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AccountApi.DevIdentity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;

namespace AccountApi.DevHost.Tests.Infrastructure;

/// <summary>
/// What a client application does against the identity provider (over https) and the API: plain HTTP, no shortcuts.
/// Its clients, secrets, redirect URIs and directory are the development data the host itself reads (this test
/// project's copy of <c>appsettings.Development.json</c>), never restated here.
/// </summary>
public sealed class SignInClient(HttpClient provider, HttpClient api)
{
    private static readonly IConfigurationRoot s_settings = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"), optional: false)
        .Build();

    private static readonly DevIdentityOptions s_devIdentity = s_settings.GetSection(DevIdentityOptions.SectionName).Get<DevIdentityOptions>()
        ?? throw new InvalidOperationException($"The development settings have no {DevIdentityOptions.SectionName} section.");

    public static string ApiClientId => s_devIdentity.Api.ClientId;

    /// <summary>The scope the API requires (<c>AzureAd:Scopes</c>), in the form clients request it.</summary>
    public static string AccountRead => $"api://{ApiClientId}/{s_settings["AzureAd:Scopes"]}";

    public static string CliClientId => s_devIdentity.Clients["account-cli"].ClientId;

    public static string CliSecret => s_devIdentity.Clients["account-cli"].ClientSecret!;

    public static string CliRedirect => s_devIdentity.Clients["account-cli"].RedirectUris[0];

    public static string SpaClientId => s_devIdentity.Clients["account-spa"].ClientId;

    /// <summary>The sample app's redirect URI (the other one is Swagger UI's, which the fixture moves to its port).</summary>
    public static string SpaRedirect => s_devIdentity.Clients["account-spa"].RedirectUris.Single(uri => !uri.Contains("swagger", StringComparison.Ordinal));

    public static string DaemonClientId => s_devIdentity.Clients["account-daemon"].ClientId;

    public static string DaemonSecret => s_devIdentity.Clients["account-daemon"].ClientSecret!;

    public static string OperatorClientId => s_devIdentity.Clients["account-operator"].ClientId;

    public static string OperatorSecret => s_devIdentity.Clients["account-operator"].ClientSecret!;

    public static string ContosoDirectory => s_devIdentity.Directories["Contoso"].TenantId;

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
