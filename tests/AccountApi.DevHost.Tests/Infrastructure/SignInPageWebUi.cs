using System.Net;
using Microsoft.Identity.Client.Extensibility;

namespace AccountApi.DevHost.Tests.Infrastructure;

/// <summary>
/// The browser step of MSAL's interactive flow, done over HTTP as a person would: open the authorize URL MSAL built
/// (its PKCE challenge, state, nonce and <c>prompt=select_account</c>), choose <paramref name="user"/> on the
/// provider's sign-in page (posting the form with its antiforgery token), and hand the redirect back to MSAL.
/// </summary>
public sealed class SignInPageWebUi(DevHostFixture host, string user) : ICustomWebUi
{
    public async Task<Uri> AcquireAuthorizationCodeAsync(Uri authorizationUri, Uri redirectUri, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new CookieJarHandler(NoRedirects(host))) { BaseAddress = new Uri(host.ProviderBase) };
        using var page = await browser.GetAsync(authorizationUri, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var response = page;
        if (page.StatusCode == HttpStatusCode.OK)
        {
            // The cookie jar carries the antiforgery cookie: only the form's fields are needed.
            var form = SignInForm.Parse(html);
            form.Fields["username"] = user;
            response = await browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields), cancellationToken);
        }

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var location = response.Headers.Location!;
        Assert.StartsWith(redirectUri.ToString(), location.ToString(), StringComparison.Ordinal);
        return location;
    }

    private static SocketsHttpHandler NoRedirects(DevHostFixture host)
    {
        var handler = host.Host.Trust.CreateHandler();
        handler.AllowAutoRedirect = false;
        return handler;
    }
}
