using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Authorize;

public sealed class SignInPageTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Authorize_WithoutLoginHint_ShowsHardenedSignInPageListingTheDirectorysUsers()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize(loginHint: null);
        query["state"] = "<script>alert(1)</script>";

        using var response = await host.Client.AuthorizeAsync(query);

        var form = await SignInForm.ReadAsync(response);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains(DevData.Alice, form.Html, StringComparison.Ordinal);
        Assert.Contains(DevData.Carol, form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(DevData.Bob, form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", form.Html, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", form.Fields["state"]);
        Assert.NotNull(form.Cookie);
    }

    [Fact]
    public async Task SignInPost_WithAntiforgeryToken_RedirectsWithCodeThatRedeemsForTheChosenUser()
    {
        var host = provider.Host;
        using var page = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null));
        var form = await SignInForm.ReadAsync(page);

        using var response = await form.PostAsync(host.Client, new() { ["username"] = DevData.Carol });

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("state-123", parameters["state"]);
        using var token = await host.Client.TokenAsync(ProviderRequests.CliRedemption(parameters["code"]));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(DevData.Carol, (await token.ReadJsonAsync()).AccessToken().GetClaim("preferred_username").Value);
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_Returns400PageAndNoCode()
    {
        var host = provider.Host;
        using var page = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null));
        var form = await SignInForm.ReadAsync(page);

        using var response = await form.PostAsync(host.Client, new() { ["username"] = DevData.Alice }, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPost_WithUserOfAnotherDirectory_Returns400Page()
    {
        var host = provider.Host;
        using var page = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null));
        var form = await SignInForm.ReadAsync(page);

        using var response = await form.PostAsync(host.Client, new() { ["username"] = DevData.Bob });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task SignInPost_Cancelled_RedirectsAccessDeniedWithState()
    {
        var host = provider.Host;
        using var page = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null));
        var form = await SignInForm.ReadAsync(page);

        using var response = await form.PostAsync(host.Client, new() { ["action"] = "cancel" });

        var parameters = ProviderRequests.RedirectQuery(response);
        Assert.Equal("access_denied", parameters["error"]);
        Assert.Equal("state-123", parameters["state"]);
        Assert.DoesNotContain("code", parameters.Keys);
    }

    [Fact]
    public async Task Authorize_WithLoginHintOfAnotherDirectory_ShowsThePageInsteadOfIssuingACode()
    {
        var host = provider.Host;

        using var response = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: DevData.Bob));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(DevData.Bob, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithPromptLogin_ShowsThePageEvenWithLoginHint()
    {
        var host = provider.Host;
        var query = ProviderRequests.CliAuthorize();
        query["prompt"] = "login";

        using var response = await host.Client.AuthorizeAsync(query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
