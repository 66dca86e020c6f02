namespace AccountApi.DevIdentity.Protocol;

/// <summary>The grant types the token endpoint supports.</summary>
internal static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
}
