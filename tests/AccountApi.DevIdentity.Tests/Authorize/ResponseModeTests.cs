using System.Text.RegularExpressions;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Authorize;

public sealed partial class ResponseModeTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Authorize_WithFragmentMode_PutsCodeAndStateInTheLocationFragment()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["response_mode"] = "fragment";
        query["state"] = "a b&c";

        using var response = await host.Client.AuthorizeAsync(query);

        var fragment = ProviderRequests.RedirectFragment(response);
        Assert.StartsWith(DevData.CliRedirect + "#", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("a b&c", fragment["state"]);
        Assert.True(fragment["code"].Length >= 43);
    }

    [Fact]
    public async Task Authorize_WithFragmentModeAndAnError_PutsTheErrorInTheFragment()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["response_mode"] = "fragment";
        query["scope"] = DevData.ApiScopePrefix + "Account.Write";

        using var response = await host.Client.AuthorizeAsync(query);

        var fragment = ProviderRequests.RedirectFragment(response);
        Assert.Equal("invalid_scope", fragment["error"]);
        Assert.StartsWith("AADSTS70011: ", fragment["error_description"], StringComparison.Ordinal);
        Assert.Equal("state-123", fragment["state"]);
        Assert.Equal("", response.Headers.Location!.Query);
    }

    [Fact]
    public async Task Authorize_WithFormPostMode_ReturnsAPageThatPostsCodeAndStateToTheRedirectUri()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["response_mode"] = "form_post";

        using var response = await host.Client.AuthorizeAsync(query);

        var (action, fields, html) = await ReadFormPostAsync(response);
        Assert.Equal(DevData.CliRedirect, action);
        Assert.Equal("state-123", fields["state"]);
        Assert.True(fields["code"].Length >= 43);
        Assert.Contains("<noscript>", html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptNonce = ScriptNonce().Match(html).Groups["nonce"].Value;
        Assert.Contains($"script-src 'nonce-{scriptNonce}'", csp, StringComparison.Ordinal);
        Assert.Contains($"form-action {new Uri(DevData.CliRedirect).GetLeftPart(UriPartial.Authority)};", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'self'", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Authorize_WithFormPostModeAndAnError_PostsErrorAndState()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["response_mode"] = "form_post";
        query["prompt"] = "none";

        using var response = await host.Client.AuthorizeAsync(query);

        var (action, fields, _) = await ReadFormPostAsync(response);
        Assert.Equal(DevData.CliRedirect, action);
        Assert.Equal("login_required", fields["error"]);
        Assert.StartsWith("AADSTS50058: ", fields["error_description"], StringComparison.Ordinal);
        Assert.Equal("state-123", fields["state"]);
        Assert.DoesNotContain("code", fields.Keys);
    }

    [Fact]
    public async Task Authorize_WithFormPostMode_HtmlEncodesAScriptInState()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["response_mode"] = "form_post";
        query["state"] = "\"><script>alert(1)</script>";

        using var response = await host.Client.AuthorizeAsync(query);

        var (_, fields, html) = await ReadFormPostAsync(response);
        Assert.Equal("\"><script>alert(1)</script>", fields["state"]);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<script", RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Authorize_WithFormPostMode_AfterTheSignInPage_PostsTheCode()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["response_mode"] = "form_post";
        using var page = await host.Client.AuthorizeAsync(query);
        var form = await SignInForm.ReadAsync(page);

        using var response = await form.PostAsync(host.Client, new() { ["username"] = DevData.Carol });

        var (_, fields, _) = await ReadFormPostAsync(response);
        Assert.Equal("state-123", fields["state"]);
        Assert.True(fields.ContainsKey("code"));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("FRAGMENT")]
    public async Task Authorize_WithUnknownResponseMode_RedirectsInvalidRequestInQuery(string mode)
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["response_mode"] = mode;

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("response_mode", parameters["error_description"], StringComparison.Ordinal);
        Assert.Equal("state-123", parameters["state"]);
    }

    [Fact]
    public async Task Authorize_WithHugeResponseMode_RedirectsInvalidRequestWithAShortDescription()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["response_mode"] = new string('x', 20_000);

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.True(parameters["error_description"].Length < 400, "the description quotes at most a cut of the value");
    }

    [Fact]
    public async Task Authorize_WithRepeatedResponseMode_RedirectsInvalidRequestInQuery()
    {
        var host = provider.Host;
        var url = ProviderRequests.AuthorizePath() +
            $"?client_id={DevData.CliClientId}&redirect_uri={Uri.EscapeDataString(DevData.CliRedirect)}&response_type=code&scope=openid&state=s&response_mode=fragment&response_mode=form_post";

        using var response = await host.Client.GetAsync(url);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("response_mode", parameters["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithHugeNonce_RedirectsInvalidRequest()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["nonce"] = new string('n', 10_000);

        using var response = await host.Client.AuthorizeAsync(query);

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("nonce", parameters["error_description"], StringComparison.Ordinal);
    }

    private static async Task<(string Action, Dictionary<string, string> Fields, string Html)> ReadFormPostAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await SignInForm.ReadAsync(response);
        return (page.Action, page.Fields, page.Html);
    }

    [GeneratedRegex("""<script nonce="(?<nonce>[^"]+)">""")]
    private static partial Regex ScriptNonce();
}
