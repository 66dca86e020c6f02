using System.Security.Cryptography;
using System.Text;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Signing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Token;

/// <summary>Mints Entra ID v2.0-shaped access tokens (JWT, RS256, <c>kid</c> header) with the current signing key.</summary>
internal sealed class AccessTokenFactory(DevIdentityCatalog catalog, SigningKeyStore keys, TimeProvider timeProvider)
{
    private static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A delegated token: the user's identity and the granted scopes in <c>scp</c>.</summary>
    public IssuedAccessToken CreateForUser(DevUser user, DevClient client, bool clientUsedSecret, IReadOnlyList<string> scopes) =>
        Create(user.Directory.TenantId, client, clientUsedSecret, claims =>
        {
            claims[TokenClaimNames.ObjectId] = user.ObjectId.ToString("D");
            claims[TokenClaimNames.Subject] = PairwiseSubject(user.ObjectId);
            claims[TokenClaimNames.Name] = user.DisplayName;
            claims[TokenClaimNames.PreferredUserName] = user.UserName;
            claims[TokenClaimNames.Scope] = string.Join(' ', scopes);
        });

    /// <summary>An app-only token: the client's service principal, its roles, <c>idtyp: app</c>, no <c>scp</c>.</summary>
    public IssuedAccessToken CreateForApplication(DevClient client, DevDirectory directory) =>
        Create(directory.TenantId, client, clientUsedSecret: true, claims =>
        {
            claims[TokenClaimNames.ObjectId] = client.ServicePrincipalId.ToString("D");
            claims[TokenClaimNames.Subject] = client.ServicePrincipalId.ToString("D");
            claims[TokenClaimNames.Roles] = client.AppRoles.ToArray();
            claims[TokenClaimNames.IdentityType] = "app";
        });

    private IssuedAccessToken Create(Guid tenantId, DevClient client, bool clientUsedSecret, Action<Dictionary<string, object>> addSubject)
    {
        var now = timeProvider.GetUtcNow();
        // JWT times are whole seconds; truncating keeps exp - iat equal to the configured lifetime.
        now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expiresAt = now + catalog.AccessTokenLifetime;
        var tokenId = SecureTokens.Create(16);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [TokenClaimNames.TenantId] = tenantId.ToString("D"),
            [TokenClaimNames.AuthorizedParty] = client.ClientId,
            [TokenClaimNames.AuthorizedPartyAuthentication] = clientUsedSecret ? "1" : "0",
            [TokenClaimNames.Version] = "2.0",
            [TokenClaimNames.TokenId] = tokenId,
        };
        addSubject(claims);

        var signingKey = keys.Keys.Current;
        var jwt = s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = catalog.Urls.Issuer(tenantId),
            Audience = catalog.ApiClientId,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            TokenType = "JWT",
            SigningCredentials = new SigningCredentials(signingKey.SecurityKey, SecurityAlgorithms.RsaSha256),
        });
        return new IssuedAccessToken(jwt, tokenId, now, expiresAt);
    }

    // Entra's sub is pairwise: stable for one user and one application, different across applications.
    private string PairwiseSubject(Guid objectId) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{objectId:D}:{catalog.ApiClientId}")));
}
