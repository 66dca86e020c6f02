namespace AccountApi.DevIdentity.Protocol;

/// <summary>Request and response parameter names of the authorize, token and logout endpoints.</summary>
internal static class OAuthParameterNames
{
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string RedirectUri = "redirect_uri";
    public const string ResponseType = "response_type";
    public const string ResponseMode = "response_mode";
    public const string Scope = "scope";
    public const string State = "state";
    public const string Nonce = "nonce";
    public const string Prompt = "prompt";
    public const string LoginHint = "login_hint";
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string CodeVerifier = "code_verifier";
    public const string Code = "code";
    public const string GrantType = "grant_type";
    public const string RefreshToken = "refresh_token";
    public const string ClientAssertion = "client_assertion";
    public const string ClientInfo = "client_info";
    public const string PostLogoutRedirectUri = "post_logout_redirect_uri";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
}
