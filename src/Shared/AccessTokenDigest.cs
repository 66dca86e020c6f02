using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Entra;

/// <summary>
/// The key of a single-token revocation: the base64url SHA-256 of the token exactly as sent (its compact JWS form).
/// Revocation stores and logs hold this, never the token: it identifies the token without being able to replay it.
/// One file, compiled into the service and the development identity provider, so both compute the same key.
/// </summary>
internal static class AccessTokenDigest
{
    public static string Of(string token) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
