using System.Text.Json;
using System.Text.Json.Serialization;
using AccountApi.DevIdentity.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// Entra's <c>client_info</c> token response member, sent when the token request has <c>client_info=1</c>: base64url
/// of <c>{"uid": oid, "utid": tid}</c>. MSAL keys its account cache by it.
/// </summary>
internal static class ClientInfo
{
    /// <summary>The token request parameter (<c>client_info=1</c>) and the response member.</summary>
    public const string ParameterName = "client_info";

    public static string For(DevUser user) => Base64UrlEncoder.Encode(
        JsonSerializer.SerializeToUtf8Bytes(new Content(user.ObjectId.ToString("D"), user.Directory.TenantId.ToString("D"))));

    private sealed record Content([property: JsonPropertyName("uid")] string Uid, [property: JsonPropertyName("utid")] string Utid);
}
