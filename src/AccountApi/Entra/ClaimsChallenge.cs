using System.Buffers;
using System.Text.Json;

namespace AccountApi.Entra;

/// <summary>
/// The <c>claims</c> value of an Entra claims challenge asking for one essential access-token claim:
/// <c>{"access_token":{"CLAIM":{"essential":true,"value":"VALUE"}}}</c>, in standard base64 with padding as Entra
/// sends it (MSAL.NET's <c>WwwAuthenticateParameters</c> decodes only that form). Continuous access evaluation asks for
/// <c>nbf</c>, Conditional Access step-up for <c>acrs</c>.
/// </summary>
internal static class ClaimsChallenge
{
    public static string ForAccessTokenClaim(string claim, string value)
    {
        var json = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("access_token");
            writer.WriteStartObject(claim);
            writer.WriteBoolean("essential", true);
            writer.WriteString("value", value);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(json.WrittenSpan);
    }
}
