namespace AccountApi.DevIdentity.Protocol;

/// <summary>Error codes of RFC 6749 §4.1.2.1 and §5.2 and OpenID Connect Core §3.1.2.6, and RFC 6750 §3.1's invalid_token.</summary>
internal static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";
    public const string LoginRequired = "login_required";
    public const string InvalidToken = "invalid_token";
}
