using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// Entra's <c>sub</c> is pairwise: stable for one user and one application, different across applications. The
/// id_token and userinfo use the client's id, an access token its audience.
/// </summary>
internal static class PairwiseSubject
{
    public static string For(Guid objectId, string applicationId) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{objectId:D}:{applicationId.ToLowerInvariant()}")));
}
