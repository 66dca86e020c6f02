using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>A PKCE verifier and its S256 challenge, computed independently of the provider.</summary>
internal sealed record PkcePair(string Verifier, string Challenge)
{
    public static PkcePair Create()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return new PkcePair(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}
