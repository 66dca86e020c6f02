using System.Globalization;
using System.Security.Claims;
using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.Revocation;

/// <summary>
/// The claims challenge of Entra's continuous access evaluation: a client that declared the capability <c>cp1</c>
/// (the token's <c>xms_cc</c>) and is refused by a cut-off is told to get a token with <c>nbf</c> at or after the
/// cut-off, which MSAL does at once (<c>WithClaims</c>) instead of failing the user's request.
/// </summary>
internal static class RevocationChallenge
{
    public const string ClientCapability = "cp1";

    /// <summary>The <c>claims</c> value, or null when the token is not refused by a cut-off or its client cannot take it.</summary>
    public static string? For(ClaimsPrincipal principal, TokenRevocation revocation)
    {
        if (revocation is not { Kind: TokenRevocationKind.Subject, IssuedBefore: { } cutOff }
            || !principal.HasClaim(EntraClaimNames.ClientCapabilities, ClientCapability))
        {
            return null;
        }

        // Entra writes the instant as a string of Unix seconds.
        return ClaimsChallenge.ForAccessTokenClaim(JwtRegisteredClaimNames.Nbf, cutOff.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }
}
