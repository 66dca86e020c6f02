using AccountApi.DevIdentity.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// Mints OpenID Connect id_tokens as Entra v2.0 does: for the client (<c>aud</c>), with its pairwise <c>sub</c>, the
/// user's <c>oid</c>/<c>tid</c>/names and the authorize request's <c>nonce</c> (code redemption only).
/// </summary>
internal sealed class IdTokenFactory(JwtSigner signer)
{
    /// <summary>Entra's id_tokens live one hour, whatever the access token lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public string Create(DevUser user, DevClient client, string? nonce)
    {
        var now = signer.Now();
        var claims = JwtSigner.UserClaims(user, client.ClientId);
        if (nonce is not null)
        {
            claims[JwtRegisteredClaimNames.Nonce] = nonce;
        }

        return signer.Sign(user.Directory.TenantId, client.ClientId, now, now + Lifetime, claims);
    }
}
