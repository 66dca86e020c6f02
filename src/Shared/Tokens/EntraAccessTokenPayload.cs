using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.Entra;

/// <summary>
/// The payload of an Entra ID v2.0 access token, in the one shape both issuers in this repository write: the
/// development identity provider and the test kit's authority. The service does not compile it: it validates tokens
/// and never makes them. Times, issuer and audience are the signer's.
/// </summary>
internal sealed record EntraAccessTokenPayload
{
    public const string Version = "2.0";

    /// <summary><c>sub</c>: pairwise for a user; the service principal's object id in an app-only token.</summary>
    public required string Subject { get; init; }

    /// <summary><c>azp</c>: the client the token was issued to.</summary>
    public required string ClientId { get; init; }

    /// <summary><c>uti</c>: Entra's own token id.</summary>
    public required string TokenId { get; init; }

    /// <summary><c>tid</c>; null leaves it out (a broken token).</summary>
    public string? DirectoryId { get; init; }

    /// <summary><c>oid</c>; null leaves it out (a broken token).</summary>
    public string? ObjectId { get; init; }

    /// <summary><c>azpacr</c>: whether the client proved itself (a secret or certificate), as <c>1</c> or <c>0</c>.</summary>
    public bool ClientAuthenticated { get; init; } = true;

    /// <summary><c>scp</c>, space-separated; null in an app-only token.</summary>
    public string? Scopes { get; init; }

    public IReadOnlyCollection<string> Roles { get; init; } = [];

    /// <summary><c>idtyp</c>: <c>app</c> in an app-only token (an optional claim in Entra).</summary>
    public string? IdentityType { get; init; }

    /// <summary><c>xms_cc</c>: client capabilities, e.g. <c>cp1</c>.</summary>
    public IReadOnlyCollection<string> ClientCapabilities { get; init; } = [];

    /// <summary><c>acrs</c>: the authentication contexts satisfied, e.g. <c>c1</c> after a step-up.</summary>
    public IReadOnlyCollection<string> AuthenticationContexts { get; init; } = [];

    public string? Name { get; init; }

    public string? PreferredUsername { get; init; }

    public Dictionary<string, object> ToClaims()
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [EntraClaimNames.Version] = Version,
            [JwtRegisteredClaimNames.Sub] = Subject,
            [JwtRegisteredClaimNames.Azp] = ClientId,
            [EntraClaimNames.AuthorizedPartyAuthentication] = ClientAuthenticated ? "1" : "0",
            [EntraClaimNames.UniqueTokenId] = TokenId,
        };
        Add(EntraClaimNames.DirectoryId, DirectoryId);
        Add(EntraClaimNames.ObjectId, ObjectId);
        Add(JwtRegisteredClaimNames.Name, Name);
        Add(JwtRegisteredClaimNames.PreferredUsername, PreferredUsername);
        Add(EntraClaimNames.Scope, Scopes);
        Add(EntraClaimNames.IdentityType, IdentityType);
        if (Roles.Count > 0)
        {
            claims[EntraClaimNames.Roles] = Roles.ToArray();
        }

        if (ClientCapabilities.Count > 0)
        {
            claims[EntraClaimNames.ClientCapabilities] = ClientCapabilities.ToArray();
        }

        if (AuthenticationContexts.Count > 0)
        {
            claims[EntraClaimNames.AuthenticationContexts] = AuthenticationContexts.ToArray();
        }

        return claims;

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                claims[name] = value;
            }
        }
    }
}
