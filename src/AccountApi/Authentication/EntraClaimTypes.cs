namespace AccountApi.Authentication;

/// <summary>Claim names of Entra ID v2.0 access tokens, kept raw (inbound claim mapping is off).</summary>
internal static class EntraClaimTypes
{
    public const string ObjectId = "oid";
    public const string TenantId = "tid";
    public const string Name = "name";
    public const string PreferredUsername = "preferred_username";
    public const string Scope = "scp";
    public const string Roles = "roles";
    public const string IdentityType = "idtyp";
    public const string AuthorizedParty = "azp";
    public const string UniqueTokenId = "uti";
    public const string TokenId = "jti";
}
