namespace AccountApi.Testing;

/// <summary>
/// Entra ID access token claims that neither <c>JwtRegisteredClaimNames</c> nor Identity.Web's <c>ClaimConstants</c>
/// names (those two are used for the rest).
/// </summary>
internal static class EntraClaimNames
{
    public const string Version = "ver";
    public const string UniqueTokenId = "uti";
    public const string IdentityType = "idtyp";
    public const string ClientAuthenticationMethod = "azpacr";
    public const string ClientCapabilities = "xms_cc";
}
