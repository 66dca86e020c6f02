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
}

internal static class AuthenticationFailures
{
    // When the metadata cannot be fetched and none was fetched before, JsonWebTokenHandler validates with no keys at
    // all: IDX10500 "No security keys were provided". (A token naming an unknown kid while keys are known fails with
    // IDX10503/IDX10517 instead.) JwtBearer's older path reports the fetch itself: IDX20803 "Unable to obtain configuration".
    private const string NoKeysAtAll = "IDX10500";
    private const string ConfigurationUnavailable = "IDX20803";

    public static AuthenticationFailure Classify(Exception failure) => failure switch
    {
        TokenRevokedException => AuthenticationFailure.RevokedToken,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
            when failure.Message.StartsWith(NoKeysAtAll, StringComparison.Ordinal) => AuthenticationFailure.AuthorityUnavailable,
        InvalidOperationException when failure.Message.Contains(ConfigurationUnavailable, StringComparison.Ordinal) => AuthenticationFailure.AuthorityUnavailable,
        _ => AuthenticationFailure.InvalidToken,
    };
}
