using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>Random opaque values (codes, refresh tokens, token ids) and the hashes the stores keep instead.</summary>
internal static class SecureTokens
{
    /// <summary>A base64url string of <paramref name="bytes"/> random bytes (32 bytes = 256 bits).</summary>
    public static string Create(int bytes = 32) => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>The SHA-256 of a value, base64url; stores key by this so they never hold a usable code or token.</summary>
    public static string Hash(string value) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Compares secrets in constant time (hashing first so lengths do not leak either).</summary>
    public static bool SecretEquals(string presented, string expected) => CryptographicOperations.FixedTimeEquals(
        SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
        SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
