using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Session;

public sealed class SessionTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task SignIn_SetsAProtectedHttpOnlySecureSameSiteNoneCookieAtTheRoot()
    {
        var host = provider.Host;
        using var page = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null));
        var form = await SignInForm.ReadAsync(page);

        using var response = await form.PostAsync(host.Client, new() { ["username"] = DevData.Carol });

        var setCookie = ProviderRequests.SessionSetCookie(response).ToLowerInvariant();
        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("secure", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=none", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("carol", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(DevData.CarolUser.ObjectId, setCookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_OverLoopbackHttpUnderAPrefix_SetsALaxCookieScopedToThePrefix()
    {
        await using var host = await DevIdentityTestHost.StartAsync(s => s["DevIdentity:PublicBaseAddress"] = "http://localhost:5080/dev-idp", prefix: "/dev-idp");
        using var page = await host.Client.GetAsync($"/dev-idp{ProviderRequests.AuthorizePath()}?client_id={DevData.CliClientId}&redirect_uri={Uri.EscapeDataString(DevData.CliRedirect)}&response_type=code&scope=openid&login_hint={DevData.Alice}");

        var setCookie = ProviderRequests.SessionSetCookie(page).ToLowerInvariant();
        Assert.Contains("path=/dev-idp", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", setCookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithSessionAndNoPrompt_IssuesACodeForTheSessionUserAtOnce()
    {
        var host = provider.Host;
        var session = await SignInCarolAsync(host.Client);

        using var response = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null), sessionCookie: session);

        var code = ProviderRequests.RedirectQuery(response)["code"];
        using var token = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));
        Assert.Equal(DevData.Carol, (await token.ReadJsonAsync()).AccessToken().GetClaim("preferred_username").Value);
    }

    [Fact]
    public async Task Authorize_WithSessionAndPromptNone_IssuesACode()
    {
        var host = provider.Host;
        var session = await SignInCarolAsync(host.Client);
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["prompt"] = "none";

        using var response = await host.Client.AuthorizeAsync(query, sessionCookie: session);

        Assert.Contains("code", ProviderRequests.RedirectQuery(response).Keys);
    }

    public static TheoryData<string?> LoginHints => [null, DevData.Alice];

    [Theory]
    [MemberData(nameof(LoginHints))]
    public async Task Authorize_WithPromptNoneAndNoSession_RedirectsLoginRequiredWithState(string? loginHint)
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize(loginHint);
        query["prompt"] = "none";

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("login_required", parameters["error"]);
        Assert.StartsWith("AADSTS50058: ", parameters["error_description"], StringComparison.Ordinal);
        Assert.Equal("state-123", parameters["state"]);
        Assert.DoesNotContain("code", parameters.Keys);
    }

    [Fact]
    public async Task Authorize_WithPromptNoneAndSessionOfAnotherUserThanTheHint_RedirectsLoginRequired()
    {
        var host = provider.Host;
        var session = await SignInCarolAsync(host.Client);
        var query = ProviderRequests.CliAuthorize(loginHint: DevData.Alice);
        query["prompt"] = "none";

        using var response = await host.Client.AuthorizeAsync(query, sessionCookie: session);

        Assert.Equal("login_required", ProviderRequests.RedirectQuery(response)["error"]);
    }

    [Fact]
    public async Task Authorize_WithPromptNoneAndSessionOfAnotherDirectory_RedirectsLoginRequired()
    {
        var host = provider.Host;
        var session = await SignInCarolAsync(host.Client);
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["prompt"] = "none";

        using var response = await host.Client.AuthorizeAsync(query, DevData.FabrikamTenantId, session);

        Assert.Equal("login_required", ProviderRequests.RedirectQuery(response)["error"]);
    }

    [Fact]
    public async Task Authorize_WithForgedSessionCookie_IsNoSession()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["prompt"] = "none";

        using var response = await host.Client.AuthorizeAsync(query, sessionCookie: $"{ProviderRequests.SessionCookieName}={DevData.Alice}");

        Assert.Equal("login_required", ProviderRequests.RedirectQuery(response)["error"]);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("select_account")]
    [InlineData("consent")]
    public async Task Authorize_WithSessionAndAnInteractivePrompt_ShowsTheSignInPage(string prompt)
    {
        var host = provider.Host;
        var session = await SignInCarolAsync(host.Client);
        var query = ProviderRequests.CliAuthorize();
        query["prompt"] = prompt;

        using var response = await host.Client.AuthorizeAsync(query, sessionCookie: session);

        var form = await SignInForm.ReadAsync(response);
        Assert.Contains(DevData.Carol, form.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithLoginHintShortcut_StartsASessionThatPromptNoneThenUses()
    {
        var host = provider.Host;
        using var first = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize());
        var session = ProviderRequests.SessionCookie(first);
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["prompt"] = "none";

        using var silent = await host.Client.AuthorizeAsync(query, sessionCookie: session);

        Assert.NotNull(session);
        Assert.Contains("code", ProviderRequests.RedirectQuery(silent).Keys);
    }

    [Fact]
    public async Task Logout_ClearsTheSessionAndReturnsToARegisteredRedirectUriWithState()
    {
        var host = provider.Host;
        var session = await SignInCarolAsync(host.Client);
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"/{DevData.ContosoTenantId}/oauth2/v2.0/logout?post_logout_redirect_uri={Uri.EscapeDataString(DevData.SpaRedirect)}&state=bye");
        request.Headers.Add("Cookie", session);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DevData.SpaRedirect + "?state=bye", response.Headers.Location!.ToString());
        var cleared = ProviderRequests.SessionSetCookie(response).ToLowerInvariant();
        Assert.Contains("expires=thu, 01 jan 1970", cleared, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?> UnregisteredPostLogoutRedirects => new()
    {
        { "https://evil.example/after-logout", null },
        // Registered, but for another client than the one named.
        { DevData.SpaRedirect, DevData.CliClientId },
    };

    [Theory]
    [MemberData(nameof(UnregisteredPostLogoutRedirects))]
    public async Task Logout_WithUnregisteredPostLogoutRedirectUri_ShowsTheSignedOutPage(string redirectUri, string? clientId)
    {
        var host = provider.Host;
        var url = $"/{DevData.ContosoTenantId}/oauth2/v2.0/logout?post_logout_redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + (clientId is null ? "" : $"&client_id={clientId}");

        using var response = await host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Signed out", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(ProviderRequests.SessionSetCookie(response));
    }

    [Fact]
    public async Task Logout_ByPost_ClearsTheSessionAndShowsThePage()
    {
        var host = provider.Host;

        using var response = await host.Client.PostAsync(
            $"/{DevData.ContosoTenantId}/oauth2/v2.0/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(ProviderRequests.SessionSetCookie(response));
    }

    private static async Task<string> SignInCarolAsync(HttpClient client)
    {
        using var page = await client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null));
        var form = await SignInForm.ReadAsync(page);
        using var response = await form.PostAsync(client, new() { ["username"] = DevData.Carol });
        return ProviderRequests.SessionCookie(response)!;
    }
}
