using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.DevIdentity.Token;

/// <summary>Mints Entra ID v2.0-shaped access tokens for the API, or for Microsoft Graph on OpenID-only sign-ins.</summary>
internal sealed class AccessTokenFactory(DevIdentityCatalog catalog, JwtSigner signer)
{
    /// <summary>A delegated token: the user's identity and the granted scopes in <c>scp</c>.</summary>
    public IssuedAccessToken CreateForUser(DevUser user, DevClient client, bool clientUsedSecret, ScopeRequest scopes, ClaimsRequest requested)
    {
        var audience = scopes.IsForGraph ? MicrosoftGraph.ApplicationId : catalog.ApiClientId;
        var claims = JwtSigner.UserClaims(user, audience);
        claims[EntraClaimNames.Scope] = string.Join(' ', scopes.IsForGraph ? scopes.GraphScopes : scopes.ApiScopes);
        return Create(user.Directory.TenantId, audience, client, clientUsedSecret, claims, requested);
    }

    /// <summary>An app-only token: the client's service principal, its roles, <c>idtyp: app</c>, no <c>scp</c>.</summary>
    public IssuedAccessToken CreateForApplication(DevClient client, DevDirectory directory, ClaimsRequest requested)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [EntraClaimNames.ObjectId] = client.ServicePrincipalId.ToString("D"),
            [JwtRegisteredClaimNames.Sub] = client.ServicePrincipalId.ToString("D"),
            [EntraClaimNames.Roles] = client.AppRoles.ToArray(),
            [EntraClaimNames.IdentityType] = "app",
        };
        return Create(directory.TenantId, catalog.ApiClientId, client, clientUsedSecret: true, claims, requested);
    }

    private IssuedAccessToken Create(
        Guid tenantId, string audience, DevClient client, bool clientUsedSecret, Dictionary<string, object> claims, ClaimsRequest requested)
    {
        // A claims challenge asks for a token issued at or after a resource's cut-off: iat and nbf are then that instant.
        var now = signer.Now();
        if (requested.NotBefore > now)
        {
            now = requested.NotBefore.Value;
        }

        var expiresAt = now + catalog.AccessTokenLifetime;
        if (requested.ClientCapabilities.Count > 0)
        {
            claims[EntraClaimNames.ClientCapabilities] = requested.ClientCapabilities.ToArray();
        }

        claims[JwtRegisteredClaimNames.Azp] = client.ClientId;
        claims[EntraClaimNames.AuthorizedPartyAuthentication] = clientUsedSecret ? "1" : "0";
        // Entra's own token id, kept for the token's shape; revocation goes by the token's digest, never by uti.
        claims[EntraClaimNames.UniqueTokenId] = SecureTokens.Create(16);
        var jwt = signer.Sign(tenantId, audience, now, expiresAt, claims);
        return new IssuedAccessToken(jwt, AccessTokenDigest.Of(jwt), now, expiresAt);
    }
}
