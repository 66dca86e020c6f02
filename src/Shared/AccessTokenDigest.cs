using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AccountApi.Entra;

/// <summary>
/// The key of a single-token revocation: the base64url SHA-256 of the token exactly as sent (its compact JWS form).
/// Revocation stores and logs hold this, never the token: it identifies the token without being able to replay it.
/// One file, compiled into the service and the development identity provider, so both compute the same key.
/// </summary>
internal static class AccessTokenDigest
{
    // Tokens up to this many UTF-8 bytes are hashed from the stack; longer ones through a pooled buffer.
    private const int StackBytes = 2048;

    public static string Of(string token) => Of(token.AsSpan());

    /// <summary>The digest of a token still inside the header it was read from: nothing is allocated but the digest.</summary>
    public static string Of(ReadOnlySpan<char> token)
    {
        var length = Encoding.UTF8.GetByteCount(token);
        var rented = length > StackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        var utf8 = rented is null ? stackalloc byte[StackBytes] : rented;
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(token, utf8)], hash);
            return Base64Url.EncodeToString(hash);
        }
        finally
        {
            if (rented is not null)
            {
                // A pooled buffer goes to other code next: it must not carry a bearer token there.
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }
}
