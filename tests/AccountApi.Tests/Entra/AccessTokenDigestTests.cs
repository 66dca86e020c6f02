using System.Security.Cryptography;
using System.Text;
using AccountApi.Entra;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Tests.Entra;

/// <summary>
/// The digest is the revocation key the provider and the service must agree on, and the cache key: hashed from the
/// header in place (from the stack, or a pooled buffer for long tokens), it must be exactly the base64url SHA-256 of
/// the token's UTF-8 bytes.
/// </summary>
public sealed class AccessTokenDigestTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2048)] // the longest hashed from the stack
    [InlineData(2049)] // the shortest hashed from a pooled buffer
    [InlineData(100_000)]
    public void DigestOfATokenInsideAHeader_IsTheSha256OfTheTokenAlone(int length)
    {
        var token = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        var header = $"Bearer {token}  ";

        var expected = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

        Assert.Equal(expected, AccessTokenDigest.Of(header.AsSpan(7, length)));
        Assert.Equal(expected, AccessTokenDigest.Of(token));
    }

    [Fact]
    public void NonAsciiToken_IsHashedAsUtf8()
    {
        // Not a valid JWT, but a header can carry anything: the digest must not depend on where it was hashed from.
        var token = string.Concat(Enumerable.Repeat("é€😀", 1000));

        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(token))), AccessTokenDigest.Of(token.AsSpan()));
    }
}
