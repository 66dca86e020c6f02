using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>Plain HTTP calls to the provider, written the way a client application would make them.</summary>
internal static class ProviderRequests
{
    public static string ReadScope => DevData.ApiScopePrefix + "Account.Read";

    public static Dictionary<string, string?> CliAuthorize() => CliAuthorize(DevData.Alice);

    public static Dictionary<string, string?> CliAuthorize(string? loginHint) => new()
    {
        ["client_id"] = DevData.CliClientId,
        ["redirect_uri"] = DevData.CliRedirect,
        ["response_type"] = "code",
        ["scope"] = ReadScope + " offline_access",
        ["state"] = "state-123",
        ["login_hint"] = loginHint,
    };

    public static Dictionary<string, string?> SpaAuthorize(PkcePair pkce) => SpaAuthorize(pkce, DevData.Alice);

    public static Dictionary<string, string?> SpaAuthorize(PkcePair pkce, string? loginHint) => new()
    {
        ["client_id"] = DevData.SpaClientId,
        ["redirect_uri"] = DevData.SpaRedirect,
        ["response_type"] = "code",
        ["scope"] = DevData.ApiScopePrefix + ".default openid",
        ["state"] = "spa-state",
        ["login_hint"] = loginHint,
        ["code_challenge"] = pkce.Challenge,
        ["code_challenge_method"] = "S256",
    };

    public static string AuthorizePath(string? tenant = null) => $"{DevData.Prefix}/{tenant ?? DevData.ContosoTenantId}/oauth2/v2.0/authorize";

    public static async Task<HttpResponseMessage> AuthorizeAsync(
        this HttpClient client, Dictionary<string, string?> query, string? tenant = null, string? sessionCookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, QueryHelpers.AddQueryString(AuthorizePath(tenant), query.Where(p => p.Value is not null)));
        if (sessionCookie is not null)
        {
            request.Headers.Add("Cookie", sessionCookie);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The <c>name=value</c> of the session cookie a response sets, or null when it sets none.</summary>
    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith(SessionCookieName + "=", StringComparison.Ordinal))
            : null;

    /// <summary>The whole Set-Cookie header of the session cookie, with its attributes.</summary>
    public static string SessionSetCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith(SessionCookieName + "=", StringComparison.Ordinal));

    public const string SessionCookieName = AccountApi.DevIdentity.Session.SignInSession.CookieName;

    /// <summary>The parameters in a redirect's Location fragment (302 asserted).</summary>
    public static Dictionary<string, string> RedirectFragment(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var fragment = response.Headers.Location!.Fragment;
        return QueryHelpers.ParseQuery(fragment.TrimStart('#')).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>The query parameters of a redirect's Location (302 asserted).</summary>
    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var query = location.Contains('?', StringComparison.Ordinal) ? location[location.IndexOf('?', StringComparison.Ordinal)..] : "";
        return QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public static async Task<string> GetCodeAsync(
        this HttpClient client, Dictionary<string, string?> query, string? tenant = null)
    {
        using var response = await client.AuthorizeAsync(query, tenant);
        return RedirectQuery(response)["code"];
    }

    public static Dictionary<string, string> CliRedemption(string code) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = DevData.CliRedirect,
        ["client_id"] = DevData.CliClientId,
        ["client_secret"] = DevData.CliSecret,
    };

    public static Dictionary<string, string> SpaRedemption(string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = DevData.SpaRedirect,
        ["client_id"] = DevData.SpaClientId,
        ["code_verifier"] = verifier,
    };

    public static Dictionary<string, string> CliRefresh(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = DevData.CliClientId,
        ["client_secret"] = DevData.CliSecret,
    };

    public static async Task<HttpResponseMessage> TokenAsync(
        this HttpClient client,
        Dictionary<string, string> form,
        string? tenant = null,
        string endpoint = "token",
        AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{DevData.Prefix}/{tenant ?? DevData.ContosoTenantId}/oauth2/v2.0/{endpoint}")
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    /// <summary>Signs alice in for account-cli and redeems the code; returns the token response.</summary>
    public static async Task<JsonElement> SignInCliAsync(this HttpClient client, string? scope = null)
    {
        var query = CliAuthorize();
        if (scope is not null)
        {
            query["scope"] = scope;
        }

        var code = await client.GetCodeAsync(query);
        using var response = await client.TokenAsync(CliRedemption(code));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static string Error(this JsonElement body) => body.GetProperty("error").GetString()!;

    public static JsonWebToken AccessToken(this JsonElement body) => new(body.GetProperty("access_token").GetString()!);

    public static JsonWebToken IdToken(this JsonElement body) => new(body.GetProperty("id_token").GetString()!);

    /// <summary>Validates a token's signature against the published JWKS, as a client library does.</summary>
    public static async Task<TokenValidationResult> ValidateAgainstJwksAsync(
        this HttpClient client, string token, string audience, string? tenant = null)
    {
        tenant ??= DevData.ContosoTenantId;
        var jwks = new JsonWebKeySet(await client.GetStringAsync($"{DevData.Prefix}/{tenant}/discovery/v2.0/keys"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = $"{DevData.BaseAddress}/{tenant}/v2.0",
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
    }

    public static AuthenticationHeaderValue Basic(string user, string password) => new(
        "Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}")));
}
