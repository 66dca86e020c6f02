using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only.</summary>
internal static class Pkce
{
    /// <summary>A challenge is a base64url SHA-256 digest: 43 characters; RFC 7636 allows 43–128.</summary>
    public static bool IsValidChallenge(string value) => value.Length is >= 43 and <= 128 && value.All(IsBase64UrlChar);

    /// <summary>A verifier is 43–128 unreserved characters (RFC 7636 §4.1).</summary>
    public static bool IsValidVerifier(string value) =>
        value.Length is >= 43 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool Matches(string verifier, string challenge)
    {
        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
