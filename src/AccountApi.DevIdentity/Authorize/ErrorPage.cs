using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>The 400 page shown when the error cannot be sent back to the client (unknown client or redirect URI).</summary>
internal static class ErrorPage
{
    public static IResult Create(string error, string description)
    {
        var nonce = SecureTokens.Create(16);
        var body = $"""
            <p class="error"><strong>{HtmlLayout.Encode(error)}</strong>: {HtmlLayout.Encode(description)}</p>
            <p class="note">This is the development identity provider. The request was not redirected back to the
            application because the client or its redirect URI could not be trusted.</p>
            """;
        return new HtmlPageResult(
            HtmlLayout.Page("Sign-in request refused", nonce, body), StatusCodes.Status400BadRequest, nonce);
    }
}
