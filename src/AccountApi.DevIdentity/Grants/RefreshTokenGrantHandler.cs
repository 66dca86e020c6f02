using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Token;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Grants;

/// <summary>
/// <c>grant_type=refresh_token</c>: rotates the refresh token. The old refresh token stops working and the access
/// token issued with it is revoked; presenting a replaced refresh token revokes the whole family (reuse detection).
/// </summary>
internal sealed class RefreshTokenGrantHandler(
    RefreshTokenStore refreshTokens,
    UserTokenResponder responder,
    ScopeParser scopes,
    ILogger<RefreshTokenGrantHandler> logger)
{
    private const string GrantType = OpenIdConnectGrantTypes.RefreshToken;

    public async Task<IResult> HandleAsync(TokenRequestContext request)
    {
        if (request.Parameters[OpenIdConnectParameterNames.RefreshToken] is not { } token)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidRequest, "refresh_token is required.", EntraErrorCodes.MissingParameter);
        }

        if (refreshTokens.Find(token) is not { } entry || entry.Family.Revoked)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, "The refresh_token is unknown, expired or revoked; sign in again.", EntraErrorCodes.ExpiredOrRevokedGrant);
        }

        var family = entry.Family;
        if (entry.Replaced)
        {
            return await RevokeReusedAsync(request, family).ConfigureAwait(false);
        }

        if (CheckBinding(request, family) is { } error)
        {
            return TokenRefusal.Create(logger, GrantType, error);
        }

        var tokenScopes = family.Scopes;
        if (request.Parameters[OpenIdConnectParameterNames.Scope] is { } scope)
        {
            var requested = scopes.ParseDelegated(scope, out var scopeError);
            if (requested is null)
            {
                return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidScope, scopeError!, EntraErrorCodes.InvalidScope);
            }

            // Narrowing, or an OpenID-only request (a Graph token, as Entra's multi-resource refresh tokens allow).
            if (requested.ApiScopes.Except(family.Scopes.ApiScopes, StringComparer.Ordinal).Any())
            {
                return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidScope, $"A refresh can only narrow the granted scopes ({scopes.Format(family.Scopes.ApiScopes)}); sign in again to get more.", EntraErrorCodes.InvalidScope);
            }

            tokenScopes = requested;
        }

        if (!refreshTokens.TryReplace(entry))
        {
            return await RevokeReusedAsync(request, family).ConfigureAwait(false);
        }

        var accessToken = responder.CreateAccessToken(request, family, tokenScopes);
        var newRefreshToken = refreshTokens.Issue(family, accessToken.Digest, accessToken.ExpiresAt, out var lateRevocation);
        var revoked = new List<RevokedAccessToken>();
        if (refreshTokens.RevokeAccessToken(family, entry.AccessTokenDigest) is { } previous)
        {
            revoked.Add(previous);
        }

        if (newRefreshToken is null)
        {
            revoked.Add(lateRevocation!);
        }

        await RevocationReporter.ReportAsync(request.RevocationSink, revoked, request.CancellationToken).ConfigureAwait(false);
        if (newRefreshToken is null)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, "The grant was revoked while refreshing; sign in again.", EntraErrorCodes.ExpiredOrRevokedGrant);
        }

        logger.TokensIssued(request.Client.Name, GrantType);
        return OAuthResults.Json(responder.Respond(request, family, accessToken, newRefreshToken, tokenScopes, nonce: null));
    }

    private static OAuthError? CheckBinding(TokenRequestContext request, GrantFamily family)
    {
        if (!string.Equals(family.Client.ClientId, request.Client.ClientId, StringComparison.Ordinal))
        {
            return new(OAuthErrors.InvalidGrant, "The refresh_token was issued to another client.", EntraErrorCodes.InvalidGrant);
        }

        if (!request.Tenant.Allows(family.User))
        {
            return new(OAuthErrors.InvalidGrant, $"The refresh_token belongs to directory {family.User.Directory.TenantId:D}; use that tenant, 'common' or 'organizations'.", EntraErrorCodes.InvalidGrant);
        }

        return request.Parameters[OpenIdConnectParameterNames.RedirectUri] is { } redirectUri
            && !string.Equals(redirectUri, family.RedirectUri, StringComparison.Ordinal)
            ? new(OAuthErrors.InvalidGrant, "redirect_uri differs from the one in the original authorize request; send the same string or omit it.", EntraErrorCodes.RedirectUriMismatch)
            : null;
    }

    private async Task<IResult> RevokeReusedAsync(TokenRequestContext request, GrantFamily family)
    {
        var revoked = refreshTokens.RevokeFamily(family);
        await RevocationReporter.ReportAsync(request.RevocationSink, revoked, request.CancellationToken).ConfigureAwait(false);
        logger.RefreshTokenReused(request.Client.Name, revoked.Count);
        return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, "The refresh_token was already used; the whole grant is now revoked (reuse detection). Sign in again.", EntraErrorCodes.ExpiredOrRevokedGrant);
    }
}
