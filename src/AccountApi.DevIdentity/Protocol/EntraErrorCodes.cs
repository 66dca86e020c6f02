namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// Entra's AADSTS numbers for the refusals the provider shares with it, so a developer can look an error up in
/// Entra's documentation and a client sees the <c>error_codes</c> it would see from Entra.
/// </summary>
internal static class EntraErrorCodes
{
    public const int LoginRequired = 50058;
    public const int RedirectUriMismatch = 50011;
    public const int NoTenantIdentifyingInformation = 50059;
    public const int PkceVerifierMismatch = 50148;
    public const int UserDeclined = 65004;
    public const int InvalidGrant = 70000;
    public const int UnsupportedGrantType = 70003;
    public const int ExpiredOrRevokedGrant = 70008;
    public const int InvalidScope = 70011;
    public const int CodeAlreadyRedeemed = 54005;
    public const int TenantNotFound = 90002;
    public const int MissingParameter = 900144;
    public const int MalformedRequest = 9002313;
    public const int PkceRequired = 9002325;
    public const int ApplicationNotFound = 700016;
    public const int PublicClientSentSecret = 700025;
    public const int InvalidClientSecret = 7000215;
    public const int MissingClientSecret = 7000218;
    public const int ClientCredentialsNeedDefaultScope = 1002012;

    /// <summary>Entra's <c>error_description</c> starts with the AADSTS number.</summary>
    public static string Describe(int? code, string description) => code is null ? description : $"AADSTS{code}: {description}";
}
