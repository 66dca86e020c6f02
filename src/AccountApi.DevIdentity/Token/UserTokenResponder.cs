using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Protocol;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// Shapes the response of the user grants (code and refresh): the access token for the asked scopes, an id_token
/// whenever the grant included <c>openid</c>, and <c>client_info</c> when the request asked for it.
/// </summary>
internal sealed class UserTokenResponder(AccessTokenFactory accessTokens, IdTokenFactory idTokens, ScopeParser scopes)
{
    /// <param name="request">The token request.</param>
    /// <param name="family">The grant.</param>
    /// <param name="tokenScopes">The scopes of this token.</param>
    /// <param name="claims">The claims asked for; the token request's own when null.</param>
    public IssuedAccessToken CreateAccessToken(TokenRequestContext request, GrantFamily family, ScopeRequest tokenScopes, ClaimsRequest? claims = null) =>
        accessTokens.CreateForUser(family.User, request.Client, request.ClientUsedSecret, tokenScopes, claims ?? request.Claims);

    public TokenResponse Respond(
        TokenRequestContext request, GrantFamily family, IssuedAccessToken accessToken, string refreshToken, ScopeRequest tokenScopes, string? nonce)
    {
        var idToken = family.Scopes.IncludesOpenId ? idTokens.Create(family.User, request.Client, nonce) : null;
        var clientInfo = request.Parameters[ClientInfo.ParameterName] == "1" ? ClientInfo.For(family.User) : null;
        return TokenResponse.From(accessToken, refreshToken, scopes.Format(tokenScopes), idToken, clientInfo);
    }
}
