using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using AccountApi.Entra;

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
    /// <remarks>
    /// Standard base64 with padding, as Entra sends it: MSAL.NET's <c>WwwAuthenticateParameters</c> decodes only that
    /// form (a base64url value would reach <c>WithClaims</c> undecoded and fail as JSON).
    /// </remarks>
    public static string? For(ClaimsPrincipal principal, TokenRevocation revocation)
    {
        if (revocation is not { Kind: TokenRevocationKind.Subject, IssuedBefore: { } cutOff }
            || !principal.HasClaim(EntraClaimNames.ClientCapabilities, ClientCapability))
        {
            return null;
        }

        // {"access_token":{"nbf":{"essential":true,"value":"<Unix seconds>"}}}: Entra writes the value as a string.
        var json = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("access_token");
            writer.WriteStartObject("nbf");
            writer.WriteBoolean("essential", true);
            writer.WriteString("value", cutOff.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(json.WrittenSpan);
    }
}
