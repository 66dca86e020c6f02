namespace AccountApi.DevIdentity.Token;

/// <summary>The claims of Entra ID v2.0 access tokens and id_tokens the provider emits.</summary>
internal static class TokenClaimNames
{
    public const string Audience = "aud";
    public const string Issuer = "iss";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string Expires = "exp";
    public const string TenantId = "tid";
    public const string ObjectId = "oid";
    public const string Subject = "sub";
    public const string Name = "name";
    public const string PreferredUserName = "preferred_username";
    public const string Nonce = "nonce";
    public const string Scope = "scp";
    public const string Roles = "roles";
    public const string AuthorizedParty = "azp";
    public const string AuthorizedPartyAuthentication = "azpacr";
    public const string Version = "ver";
    public const string TokenId = "uti";
    public const string IdentityType = "idtyp";

    /// <summary>Every claim the provider emits, for discovery's <c>claims_supported</c>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Audience, Issuer, IssuedAt, NotBefore, Expires, TenantId, ObjectId, Subject, Name, PreferredUserName, Nonce,
        Scope, Roles, AuthorizedParty, AuthorizedPartyAuthentication, Version, TokenId, IdentityType,
    ];
}
