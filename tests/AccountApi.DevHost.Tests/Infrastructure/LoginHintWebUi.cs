using System.Net;
using Microsoft.Identity.Client.Extensibility;

namespace AccountApi.DevHost.Tests.Infrastructure;

/// <summary>
/// The browser step of MSAL's interactive flow, done over HTTP: open the authorize URL MSAL built (with its PKCE
/// challenge, state and nonce) and hand the redirect back to MSAL. The provider signs the <c>login_hint</c> user in.
/// </summary>
public sealed class LoginHintWebUi(HttpClient provider) : ICustomWebUi
{
    public async Task<Uri> AcquireAuthorizationCodeAsync(Uri authorizationUri, Uri redirectUri, CancellationToken cancellationToken)
    {
        using var response = await provider.GetAsync(authorizationUri, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"authorize answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var location = response.Headers.Location!;
        Assert.StartsWith(redirectUri.ToString(), location.ToString(), StringComparison.Ordinal);
        return location;
    }
}
