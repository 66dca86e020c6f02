using System.Text.Json;
using Microsoft.Playwright;

namespace AccountApi.BrowserTests;

/// <summary>
/// The sample single-page app (<c>samples/spa</c>, MSAL Browser from npm) in real Chromium, with MSAL Browser's own
/// defaults for a custom authority (<c>knownAuthorities</c>, <c>response_mode=fragment</c>, PKCE, nonce): it signs in
/// on the provider's https origin, calls the API cross-origin, refreshes silently, and shows the API's refusals.
/// </summary>
public sealed class SpaSignInTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [SpaSampleFact]
    public async Task SpaSample_SignsInReadsAccountRefreshesAndShowsRefusal()
    {
        await using var server = await SpaSampleServer.StartAsync(new Uri(host.SpaBase), new Dictionary<string, string>
        {
            ["SPA_AUTHORITY"] = $"{host.ProviderBase}/organizations",
            ["SPA_API_BASE"] = host.ApiBase,
        });
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var seen = Watch(page);
        await page.GotoAsync($"{host.SpaBase}/spa");
        await Expect(page, "#status", "ready");

        // loginRedirect → the provider's sign-in page → back to /spa with the code in the fragment; MSAL redeems it
        // cross-origin with its PKCE verifier and checks the id_token's nonce.
        await page.ClickAsync("#sign-in");
        await ExpectNavigationAsync(page, $"{host.ProviderBase}/**", seen);
        await page.Locator("button", new() { HasText = "alice@contoso.example" }).ClickAsync();
        await Expect(page, "#account-name", "alice@contoso.example");

        await page.FillAsync("#tenancy", "contoso");
        await page.ClickAsync("#get-account");
        await Expect(page, "#api-status", "200");
        var account = JsonDocument.Parse(await page.TextContentAsync("#result") ?? "{}").RootElement;
        Assert.Equal("alice@contoso.example", account.GetProperty("username").GetString());
        Assert.Equal("contoso", account.GetProperty("tenancy").GetProperty("name").GetString());

        // acquireTokenSilent({ forceRefresh: true }): the refresh token grant, cross-origin; a new access token.
        await page.ClickAsync("#refresh");
        await Expect(page, "#token-changed", "yes");
        await page.ClickAsync("#get-account");
        await Expect(page, "#api-status", "200");

        // Fabrikam is not one of alice's tenancies: the page reads the problem document and WWW-Authenticate cross-origin.
        await page.FillAsync("#tenancy", "fabrikam");
        await page.ClickAsync("#get-account");
        await Expect(page, "#api-status", "403");
        await Expect(page, "#api-error", "tenant_not_permitted");
        Assert.Equal("", await page.TextContentAsync("#error"));
        await SaveScreenshotIfAskedAsync(page);

        // logoutRedirect: the provider's end_session_endpoint ends its session and returns to the registered page.
        await page.ClickAsync("#sign-out");
        await ExpectNavigationAsync(page, $"{host.SpaBase}/spa**", seen);
        await Expect(page, "#status", "ready");
        await Expect(page, "#account-name", "");
    }

    // What the page said and which requests failed: a failed wait names them instead of only "Timeout".
    private static List<string> Watch(IPage page)
    {
        var seen = new List<string>();
        page.Console += (_, message) => Add($"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Add($"page error: {error}");
        page.RequestFailed += (_, request) => Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.FrameNavigated += (_, frame) => Add($"navigated: {frame.Url}");
        return seen;

        void Add(string line)
        {
            lock (seen)
            {
                seen.Add(line);
            }
        }
    }

    // Committed is enough (the next step waits for what it clicks): a sub-resource that is slow to load must not fail
    // the sign-in, and a navigation that never starts fails with the page's own error and what the browser saw.
    private static async Task ExpectNavigationAsync(IPage page, string url, List<string> seen)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            string log;
            lock (seen)
            {
                log = string.Join(Environment.NewLine, seen);
            }

            Assert.Fail($"No navigation to {url} within 60 s; the page is at {page.Url}, its error reads "
                + $"'{await page.TextContentAsync("#error")}'. What the browser saw:{Environment.NewLine}{log}");
        }
    }

    // SPA_SAMPLE_SCREENSHOT=<path> refreshes the picture in the README from the real page.
    private static async Task SaveScreenshotIfAskedAsync(IPage page)
    {
        if (Environment.GetEnvironmentVariable("SPA_SAMPLE_SCREENSHOT") is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }

    private static Task Expect(IPage page, string selector, string text) =>
        Assertions.Expect(page.Locator(selector)).ToHaveTextAsync(text, new() { Timeout = 20_000 });
}
