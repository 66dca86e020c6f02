using AccountApi.DevIdentity.Authorize;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Session;

/// <summary>The page shown after sign-out when there is no registered <c>post_logout_redirect_uri</c> to return to.</summary>
internal static class SignedOutPage
{
    public static IResult Create(string? refusedRedirectUri)
    {
        var nonce = SecureTokens.Create(16);
        var note = refusedRedirectUri is null
            ? "You can close this window."
            : $"The post_logout_redirect_uri '{refusedRedirectUri}' is not a redirect URI of any registered client, so you were not sent back to it.";
        var body = $"""
            <p>You signed out of the development identity provider.</p>
            <p class="note">{HtmlLayout.Encode(note)}</p>
            """;
        return new HtmlPageResult(HtmlLayout.Page("Signed out", nonce, body), StatusCodes.Status200OK, nonce);
    }
}
