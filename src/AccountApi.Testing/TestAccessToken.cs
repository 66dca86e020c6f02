using AccountApi.Entra;

namespace AccountApi.Testing;

/// <summary>
/// The claims of an Entra ID v2.0 access token, as a value to vary: <c>token with { Scopes = null }</c>.
/// Defaults describe a delegated (user) token that is valid now.
/// </summary>
public sealed record TestAccessToken
{
    public required Guid DirectoryId { get; init; }

    public required string Audience { get; init; }

    /// <summary>Overrides the issuer; by default the one of <see cref="DirectoryId"/>.</summary>
    public string? Issuer { get; init; }

    public Guid ObjectId { get; init; } = Guid.NewGuid();

    public string? Name { get; init; } = "Alice Adams";

    public string? PreferredUsername { get; init; } = "alice@contoso.example";

    /// <summary>Space-separated delegated scopes (<c>scp</c>); null for none, as in app-only tokens.</summary>
    public string? Scopes { get; init; } = "Account.Read";

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Client capabilities (<c>xms_cc</c>), e.g. <c>cp1</c> for a client that handles claims challenges.</summary>
    public IReadOnlyList<string> ClientCapabilities { get; init; } = [];

    /// <summary><c>app</c> for an application-only token (client credentials).</summary>
    public string? IdentityType { get; init; }

    public string TokenId { get; init; } = Guid.NewGuid().ToString("N");

    public string ClientId { get; init; } = "22222222-2222-4222-8222-222222222222";

    public DateTimeOffset IssuedAt { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-1);

    public DateTimeOffset NotBefore { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-1);

    public DateTimeOffset Expires { get; init; } = DateTimeOffset.UtcNow.AddHours(1);

    /// <summary>
    /// Claims set last, over the ones above; a null value removes the claim (<c>["azp"] = null</c>).
    /// </summary>
    public IReadOnlyDictionary<string, object?> OverriddenClaims { get; init; } = new Dictionary<string, object?>();

    /// <summary>Leaves out <c>tid</c> and/or <c>oid</c>, which every Entra access token has.</summary>
    public bool OmitDirectoryClaim { get; init; }

    public bool OmitObjectIdClaim { get; init; }

    /// <summary>An application-only token (client credentials) of <paramref name="directoryId"/> with <paramref name="roles"/>.</summary>
    public static TestAccessToken AppOnly(Guid directoryId, string audience, params string[] roles) => new()
    {
        DirectoryId = directoryId,
        Audience = audience,
        Scopes = null,
        Roles = roles,
        IdentityType = "app",
        Name = null,
        PreferredUsername = null,
    };

    internal Dictionary<string, object> Claims()
    {
        var claims = new EntraAccessTokenPayload
        {
            // Entra's sub: the service principal's object id in an app-only token, a pairwise value for a user.
            Subject = IdentityType == "app" ? ObjectId.ToString() : ObjectId.ToString("N"),
            ClientId = ClientId,
            TokenId = TokenId,
            DirectoryId = OmitDirectoryClaim ? null : DirectoryId.ToString(),
            ObjectId = OmitObjectIdClaim ? null : ObjectId.ToString(),
            Scopes = Scopes,
            Roles = Roles,
            IdentityType = IdentityType,
            ClientCapabilities = ClientCapabilities,
            Name = Name,
            PreferredUsername = PreferredUsername,
        }.ToClaims();
        foreach (var (name, value) in OverriddenClaims)
        {
            if (value is null)
            {
                claims.Remove(name);
            }
            else
            {
                claims[name] = value;
            }
        }

        return claims;
    }
}
