using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountApi.DevHost.Tests.Infrastructure;
using AccountApi.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.DevHost.Tests.ClientLibraries;

/// <summary>
/// A standards-following OpenID Connect client that knows nothing of Entra: ASP.NET Core's OpenIdConnect handler with
/// its defaults (discovery, authorization code + PKCE, <c>response_mode=form_post</c>, nonce, and id_token
/// validation: signature from the JWKS, issuer, audience, lifetime, nonce), pointed at a directory's authority.
/// </summary>
public sealed partial class OpenIdConnectHandlerTests(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    // The registered redirect of the confidential client account-cli is http://localhost:3000/callback.
    private const string WebAppBase = "http://localhost:3000";

    [Fact]
    public async Task WebApp_SignsInWithFormPostValidatesIdTokenAndCallsTheApi()
    {
        await using var webApp = await StartWebAppAsync();
        using var browser = new HttpClient(new CookieJarHandler(webApp.GetTestServer().CreateHandler())) { BaseAddress = new Uri(WebAppBase) };
        using var provider = host.CreateClient(host.ProviderBase);

        // 1. The protected page challenges: to the provider's authorize endpoint with response_mode=form_post.
        using var challenge = await browser.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith($"{host.ProviderBase}/{DevData.ContosoTenantId}/oauth2/v2.0/authorize?", authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("response_mode=form_post", authorize.Query, StringComparison.Ordinal);

        // 2. The provider answers with a page that posts the code and state back to the web app.
        using var formPost = await provider.GetAsync(authorize);
        var page = await formPost.Content.ReadAsStringAsync();
        Assert.True(formPost.StatusCode == HttpStatusCode.OK, page);
        var fields = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains("code", fields.Keys);

        // 3. The handler redeems the code and validates the id_token; the web app signs the user in with a cookie.
        using var callback = await browser.PostAsync("/callback", new FormUrlEncodedContent(fields));
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        using var me = await browser.GetAsync("/me");
        var user = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("alice@contoso.example", user.GetProperty("username").GetString());

        // 4. The access token it received is one the API accepts.
        using var api = host.CreateClient(host.ApiBase);
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.Authorization = new("Bearer", user.GetProperty("accessToken").GetString());
        request.Headers.Add(AccountApiHeaders.TenantId, "contoso");
        using var account = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    private async Task<WebApplication> StartWebAppAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = $"{host.ProviderBase}/{DevData.ContosoTenantId}/v2.0";
                options.ClientId = DevData.CliClientId;
                options.ClientSecret = DevData.CliSecret;
                options.ResponseType = "code";
                options.CallbackPath = "/callback";
                options.Scope.Add(DevData.AccountRead);
                options.Scope.Add("offline_access");
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.BackchannelHttpHandler = host.Host.Trust.CreateHandler();
                // The web app runs on plain http in this test; its correlation and nonce cookies must still travel.
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.LoginHint = "alice@contoso.example";
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", async (HttpContext context) => new
        {
            username = context.User.FindFirst("preferred_username")?.Value,
            accessToken = await context.GetTokenAsync("access_token"),
        }).RequireAuthorization();
        await app.StartAsync();
        return app;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
