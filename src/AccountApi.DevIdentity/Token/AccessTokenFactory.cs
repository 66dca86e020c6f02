using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using AccountApi.Entra;

namespace AccountApi.DevIdentity.Token;

/// <summary>Mints Entra ID v2.0-shaped access tokens for the API, or for Microsoft Graph on OpenID-only sign-ins.</summary>
internal sealed class AccessTokenFactory(DevIdentityCatalog catalog, JwtSigner signer)
{
    /// <summary>A delegated token: the user's identity and the granted scopes in <c>scp</c>.</summary>
    public IssuedAccessToken CreateForUser(DevUser user, DevClient client, bool clientUsedSecret, ScopeRequest scopes, ClaimsRequest requested)
    {
        var audience = scopes.IsForGraph ? MicrosoftGraph.ApplicationId : catalog.ApiClientId;
        var payload = new EntraAccessTokenPayload
        {
            Subject = PairwiseSubject.For(user.ObjectId, audience),
            ClientId = client.ClientId,
            TokenId = SecureTokens.Create(16),
            ObjectId = user.ObjectId.ToString("D"),
            ClientAuthenticated = clientUsedSecret,
            Scopes = string.Join(' ', scopes.IsForGraph ? scopes.GraphScopes : scopes.ApiScopes),
            ClientCapabilities = requested.ClientCapabilities,
            AuthenticationContexts = requested.AuthenticationContexts,
            Name = user.DisplayName,
            PreferredUsername = user.UserName,
        };
        return Create(user.Directory.TenantId, audience, payload, requested);
    }

    /// <summary>An app-only token: the client's service principal, its roles, <c>idtyp: app</c>, no <c>scp</c>.</summary>
    public IssuedAccessToken CreateForApplication(DevClient client, DevDirectory directory, ClaimsRequest requested) =>
        CreateForApplication(client, directory, requested, catalog.ApiClientId, client.AppRoles);

    /// <summary>An app-only token for Microsoft Graph, with the client's Graph application permissions in <c>roles</c>.</summary>
    public IssuedAccessToken CreateForGraphApplication(DevClient client, DevDirectory directory, ClaimsRequest requested) =>
        CreateForApplication(client, directory, requested, MicrosoftGraph.ApplicationId, client.GraphRoles);

    private IssuedAccessToken CreateForApplication(
        DevClient client, DevDirectory directory, ClaimsRequest requested, string audience, IReadOnlyList<string> roles)
    {
        var payload = new EntraAccessTokenPayload
        {
            Subject = client.ServicePrincipalId.ToString("D"),
            ClientId = client.ClientId,
            TokenId = SecureTokens.Create(16),
            ObjectId = client.ServicePrincipalId.ToString("D"),
            Roles = roles,
            IdentityType = "app",
            ClientCapabilities = requested.ClientCapabilities,
        };
        return Create(directory.TenantId, audience, payload, requested);
    }

    private IssuedAccessToken Create(Guid tenantId, string audience, EntraAccessTokenPayload payload, ClaimsRequest requested)
    {
        // A claims challenge asks for a token issued at or after a resource's cut-off: iat and nbf are then that instant.
        var now = signer.Now();
        if (requested.NotBefore > now)
        {
            now = requested.NotBefore.Value;
        }

        var expiresAt = now + catalog.AccessTokenLifetime;
        // uti is Entra's own token id, kept for the token's shape; revocation goes by the token's digest, never by uti.
        var jwt = signer.Sign(tenantId, audience, now, expiresAt, payload.ToClaims());
        return new IssuedAccessToken(jwt, AccessTokenDigest.Of(jwt), now, expiresAt);
    }
}
