using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Signing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Graph;

/// <summary>
/// Accepts what Microsoft Graph accepts: an access token for Graph, here one this provider signed (current or previous
/// key), issued by one of its directories and unexpired by the provider's clock. Whether it must be a user's or an
/// application's is the endpoint's rule.
/// </summary>
internal sealed class GraphTokenValidator(DevIdentityCatalog catalog, SigningKeyStore keys, TimeProvider timeProvider)
{
    private static readonly JsonWebTokenHandler s_handler = new();
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The validated token, or the reason it is refused.</summary>
    public async Task<(JsonWebToken? Token, string? Failure)> ValidateAsync(string token)
    {
        var result = await s_handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidAudience = MicrosoftGraph.ApplicationId,
            ValidIssuers = [.. catalog.Directories.Select(d => catalog.Urls.Issuer(d.TenantId))],
            IssuerSigningKeys = [.. keys.Keys.Published.Select(k => k.SecurityKey)],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            LifetimeValidator = IsLive,
        }).ConfigureAwait(false);
        return result.IsValid && result.SecurityToken is JsonWebToken jwt ? (jwt, null) : (null, Reason(result.Exception));
    }

    private bool IsLive(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + s_clockSkew && (notBefore is not { } nbf || now >= nbf - s_clockSkew);
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => $"The token is not for Microsoft Graph ({MicrosoftGraph.ApplicationId}); userinfo accepts the token of an OpenID-only sign-in (scope=openid profile).",
        SecurityTokenInvalidLifetimeException => "The token expired.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token is not signed by this provider.",
        SecurityTokenInvalidIssuerException => "The token was not issued by this provider.",
        _ => "The token is malformed or invalid.",
    };
}
