using AccountApi.Revocation;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// Why a bearer token was not accepted, told apart because each calls for a different response from the operator:
/// a bad token is the caller's business, a revoked one may be a stolen one, an unreachable authority is an outage.
/// </summary>
internal enum AuthenticationFailure
{
    /// <summary>Malformed, forged, expired, for another audience or issuer, or missing required claims.</summary>
    InvalidToken,

    /// <summary>Valid, but revoked before its expiry.</summary>
    RevokedToken,

    /// <summary>The authority's discovery document or keys could not be fetched, so no token could be checked.</summary>
    AuthorityUnavailable,

    /// <summary>Valid, but this instance cannot tell whether it was revoked elsewhere (a shared store out of reach).</summary>
    RevocationUnavailable,
}

internal static class AuthenticationFailures
{
    /// <param name="failure">Why JwtBearer did not authenticate the request.</param>
    /// <param name="authorityUnavailable">The last metadata fetch failed (<see cref="AuthorityHealth"/>).</param>
    public static AuthenticationFailure Classify(Exception failure, bool authorityUnavailable) => failure switch
    {
        TokenRevokedException => AuthenticationFailure.RevokedToken,
        RevocationUnavailableException => AuthenticationFailure.RevocationUnavailable,
        // No metadata at all (BoundedConfigurationManager): nothing could be checked.
        AuthorityUnavailableException => AuthenticationFailure.AuthorityUnavailable,
        // A key the cached metadata does not have, while the authority cannot be asked for its current keys: the
        // token may well be genuine (signed after a rotation), so this is the authority's outage, not the caller's fault.
        SecurityTokenSignatureKeyNotFoundException when authorityUnavailable => AuthenticationFailure.AuthorityUnavailable,
        _ => AuthenticationFailure.InvalidToken,
    };
}
