using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;

namespace AccountApi.DevIdentity.Grants;

/// <summary>
/// Everything issued from one authorization code: the chain of refresh tokens and the access tokens issued with
/// them. Revoking the family revokes them all. Mutated only under <see cref="RefreshTokenStore"/>'s lock.
/// </summary>
internal sealed class GrantFamily(DevClient client, DevUser user, ScopeRequest scopes, string redirectUri)
{
    public DevClient Client { get; } = client;

    public DevUser User { get; } = user;

    /// <summary>The scopes the user granted; a refresh can narrow the access token's scopes, never widen them.</summary>
    public ScopeRequest Scopes { get; } = scopes;

    public string RedirectUri { get; } = redirectUri;

    public bool Revoked { get; set; }

    /// <summary>Access tokens issued in this family and not yet revoked, by digest, with their expiry.</summary>
    public Dictionary<string, DateTimeOffset> LiveAccessTokens { get; } = new(StringComparer.Ordinal);
}
