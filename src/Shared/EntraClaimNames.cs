namespace AccountApi.Entra;

/// <summary>
/// The claim names of Microsoft Entra ID v2.0 access tokens and id_tokens that the JWT and OpenID Connect
/// registries do not define. The registered ones (<c>iss</c>, <c>aud</c>, <c>sub</c>, <c>azp</c>, <c>name</c>,
/// <c>preferred_username</c>, <c>nonce</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>) are
/// <see cref="Microsoft.IdentityModel.JsonWebTokens.JwtRegisteredClaimNames"/>'. One file, compiled into the service
/// and the development identity provider (<c>&lt;Compile Include="..\Shared\EntraClaimNames.cs" Link="..." /&gt;</c>).
/// </summary>
internal static class EntraClaimNames
{
    /// <summary>The directory (tenant) the token was issued in, a GUID; part of the issuer.</summary>
    public const string DirectoryId = "tid";

    /// <summary>The user's or service principal's object id in that directory, a GUID; the same for every application.</summary>
    public const string ObjectId = "oid";

    /// <summary>The delegated scopes granted to the client, space-separated; absent from app-only tokens.</summary>
    public const string Scope = "scp";

    /// <summary>The application roles granted to the caller, an array.</summary>
    public const string Roles = "roles";

    /// <summary>The token's kind: <c>app</c> for an app-only (client credentials) token, <c>user</c> for a delegated one.</summary>
    public const string IdentityType = "idtyp";

    /// <summary>Entra's own token identifier, base64url; documented as internal, so not a revocation key outside Entra.</summary>
    public const string UniqueTokenId = "uti";

    /// <summary>The token format version: <c>2.0</c> for the v2.0 endpoint.</summary>
    public const string Version = "ver";

    /// <summary>How the client authenticated: <c>0</c> public client, <c>1</c> client secret, <c>2</c> certificate.</summary>
    public const string AuthorizedPartyAuthentication = "azpacr";

    /// <summary>The client's capabilities (e.g. <c>cp1</c>, continuous access evaluation), when it declared any.</summary>
    public const string ClientCapabilities = "xms_cc";

    /// <summary>The Conditional Access authentication contexts the sign-in satisfied (e.g. <c>c1</c>), an array.</summary>
    public const string AuthenticationContexts = "acrs";
}
