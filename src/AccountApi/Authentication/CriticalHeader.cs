using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// RFC 7515 §4.1.11: a JWS whose <c>crit</c> header names an extension the recipient does not understand must be
/// refused. This API understands no header extension (Entra ID uses none), so any <c>crit</c> means refusal.
/// IdentityModel ignores the parameter, hence this check.
/// </summary>
internal static class CriticalHeader
{
    public const string ParameterName = "crit";

    public const string RefusalMessage =
        "The token's header has a 'crit' parameter naming extensions this API does not understand (RFC 7515 §4.1.11).";

    // JwtBearer validates with JsonWebTokenHandler, so every token is a JsonWebToken; any other type is refused (fail closed).
    public static bool IsPresent(SecurityToken token) => token is not JsonWebToken jwt || jwt.TryGetHeaderValue<object>(ParameterName, out _);
}
