using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Token;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Grants;

/// <summary>
/// <c>grant_type=authorization_code</c>: checks the code's client, tenant, redirect_uri and PKCE verifier, then
/// issues an access token and the first refresh token of a new grant family. Any failed attempt spends the code; a
/// reused code revokes the family its first redemption created.
/// </summary>
internal sealed class AuthorizationCodeGrantHandler(
    AuthorizationCodeStore codes,
    RefreshTokenStore refreshTokens,
    UserTokenResponder responder,
    ILogger<AuthorizationCodeGrantHandler> logger)
{
    private const string GrantType = OpenIdConnectGrantTypes.AuthorizationCode;

    public async Task<IResult> HandleAsync(TokenRequestContext request)
    {
        if (request.Parameters[OpenIdConnectParameterNames.Code] is not { } code)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidRequest, "code is required: send the code the authorize redirect returned.", EntraErrorCodes.MissingParameter);
        }

        var redemption = codes.Redeem(code, grant => Check(grant, request));
        switch (redemption.Status)
        {
            case CodeRedemptionStatus.Unknown:
                return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, "The code is unknown; request a new one from the authorize endpoint.", EntraErrorCodes.InvalidGrant);
            case CodeRedemptionStatus.Expired:
                return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, $"The code expired (codes live {AuthorizationCodeStore.Lifetime.TotalMinutes:0} minutes); request a new one.", EntraErrorCodes.ExpiredOrRevokedGrant);
            case CodeRedemptionStatus.Refused:
                logger.AuthorizationCodeSpent(request.Client.Name, redemption.Error!.Error);
                return TokenRefusal.Create(logger, GrantType, redemption.Error!);
            case CodeRedemptionStatus.Spent:
                return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, "The code was spent by an earlier failed redemption (a code is single-use, and a failed attempt may mean it was intercepted); sign in again for a new one.", EntraErrorCodes.CodeAlreadyRedeemed);
            case CodeRedemptionStatus.Reused:
                var revoked = refreshTokens.RevokeFamily(redemption.Family!);
                await RevocationReporter.ReportAsync(request.RevocationSink, revoked, request.CancellationToken).ConfigureAwait(false);
                logger.AuthorizationCodeReused(request.Client.Name, revoked.Count);
                return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, "The code was already redeemed; every token issued from it is now revoked. Sign in again.", EntraErrorCodes.CodeAlreadyRedeemed);
        }

        var grant = redemption.Grant!;
        var family = redemption.Family!;
        // The claims asked for at authorize still hold at redemption, together with any the token request adds.
        var accessToken = responder.CreateAccessToken(request, family, grant.Scopes, grant.Claims.Merge(request.Claims));
        var refreshToken = refreshTokens.Issue(family, accessToken.Digest, accessToken.ExpiresAt, out var lateRevocation);
        if (refreshToken is null)
        {
            await RevocationReporter.ReportAsync(request.RevocationSink, [lateRevocation!], request.CancellationToken).ConfigureAwait(false);
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidGrant, "The code was redeemed twice at the same time; both grants are revoked. Sign in again.", EntraErrorCodes.CodeAlreadyRedeemed);
        }

        logger.TokensIssued(request.Client.Name, GrantType);
        return OAuthResults.Json(responder.Respond(request, family, accessToken, refreshToken, grant.Scopes, grant.Nonce));
    }

    private static OAuthError? Check(AuthorizationCodeGrant grant, TokenRequestContext request)
    {
        if (!string.Equals(grant.Client.ClientId, request.Client.ClientId, StringComparison.Ordinal))
        {
            return new(OAuthErrors.InvalidGrant, "The code was issued to another client.", EntraErrorCodes.InvalidGrant);
        }

        if (!request.Tenant.Allows(grant.User))
        {
            return new(OAuthErrors.InvalidGrant, $"The code belongs to directory {grant.User.Directory.TenantId:D}; redeem it at that tenant, 'common' or 'organizations'.", EntraErrorCodes.InvalidGrant);
        }

        var redirectUri = request.Parameters[OpenIdConnectParameterNames.RedirectUri];
        if (redirectUri is null)
        {
            return new(OAuthErrors.InvalidRequest, "redirect_uri is required: send the same redirect_uri as in the authorize request.", EntraErrorCodes.MissingParameter);
        }

        if (!string.Equals(redirectUri, grant.RedirectUri, StringComparison.Ordinal))
        {
            return new(OAuthErrors.InvalidGrant, "redirect_uri differs from the one in the authorize request; send exactly the same string.", EntraErrorCodes.RedirectUriMismatch);
        }

        var verifier = request.Parameters[OAuthConstants.CodeVerifierKey];
        if (grant.CodeChallenge is null)
        {
            return verifier is null ? null : new(OAuthErrors.InvalidGrant, "code_verifier was sent but the authorize request had no code_challenge.", EntraErrorCodes.PkceVerifierMismatch);
        }

        if (verifier is null)
        {
            return new(OAuthErrors.InvalidRequest, "code_verifier is required because the authorize request sent a code_challenge.", EntraErrorCodes.MissingParameter);
        }

        return Pkce.IsValidVerifier(verifier) && Pkce.Matches(verifier, grant.CodeChallenge)
            ? null
            : new(OAuthErrors.InvalidGrant, "code_verifier does not match the code_challenge (S256): send the verifier the challenge was computed from.", EntraErrorCodes.PkceVerifierMismatch);
    }
}
