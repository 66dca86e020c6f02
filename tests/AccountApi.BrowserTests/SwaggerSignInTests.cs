using System.Text.Json;

namespace AccountApi.BrowserTests;

/// <summary>
/// Swagger UI in real Chromium: Authorize → the development identity provider's sign-in page on its https origin →
/// a user → back to Swagger UI, which redeems the code cross-origin (authorization code + PKCE, public client) →
/// "Try it out" on GET /account/me.
/// </summary>
public sealed class SwaggerSignInTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [ChromiumFact]
    public async Task SwaggerUi_SignInAsContosoUser_GetsTheAccountOfContoso()
    {
        var (status, body) = await SignInAndGetMeAsync("alice@contoso.example", "contoso");

        Assert.Equal(200, status);
        var account = JsonDocument.Parse(body).RootElement;
        Assert.Equal("alice@contoso.example", account.GetProperty("username").GetString());
        Assert.Equal("contoso", account.GetProperty("tenancy").GetProperty("name").GetString());
    }

    [ChromiumFact]
    public async Task SwaggerUi_SignInAsFabrikamUser_IsRefusedOnContoso()
    {
        var (status, body) = await SignInAndGetMeAsync("bob@fabrikam.example", "contoso");

        Assert.Equal(403, status);
        Assert.Equal("tenant_not_permitted", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    private async Task<(int Status, string Body)> SignInAndGetMeAsync(string user, string tenancy)
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{host.ApiBase}/swagger/index.html");

        // Authorize with the oauth2 scheme: Swagger UI opens the identity provider's sign-in page in a popup.
        await page.ClickAsync("button.authorize");
        var signIn = await page.RunAndWaitForPopupAsync(() =>
            page.Locator(".auth-container").Filter(new() { HasText = "oauth2" }).Locator("button.authorize").ClickAsync());
        Assert.StartsWith($"{host.ProviderBase}/", signIn.Url, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", signIn.Url, StringComparison.Ordinal);

        // Choose the user; the provider redirects to oauth2-redirect.html, which hands the code back and closes.
        var closed = new TaskCompletionSource();
        signIn.Close += (_, _) => closed.TrySetResult();
        await signIn.Locator("button", new() { HasText = user }).ClickAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Swagger UI has redeemed the code (with the PKCE verifier) once it offers to log out.
        await page.Locator("button", new() { HasText = "Logout" }).WaitForAsync();
        await page.Locator("button.btn-done").First.ClickAsync();

        // Try it out: Swagger UI sends the token it obtained and the tenancy typed in.
        await page.ClickAsync("#operations-Account-GetMyAccount .opblock-summary");
        await page.ClickAsync("button.try-out__btn");
        await page.FillAsync("input[placeholder='X-Tenant-ID']", tenancy);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button.execute"),
            candidate => candidate.Url.EndsWith("/account/me", StringComparison.Ordinal));
        return (response.Status, await response.TextAsync());
    }
}
