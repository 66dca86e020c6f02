namespace AccountApi.Refusals;

/// <summary>
/// The machine-readable <c>error</c> of every 403, in the order they are checked: token reasons first, so a caller
/// without a valid token learns nothing about tenancies.
/// </summary>
internal static class RefusalReasons
{
    public const string MissingToken = "missing_token";
    public const string InvalidToken = "invalid_token";
    public const string UserTokenRequired = "user_token_required";

    /// <summary>An operator route: the token must be an application's own (app-only) and hold the route's app role.</summary>
    public const string RoleRequired = "role_required";
    public const string InsufficientScope = "insufficient_scope";
    public const string MissingTenant = "missing_tenant";
    public const string InvalidTenant = "invalid_tenant";
    public const string TenantNotPermitted = "tenant_not_permitted";

    /// <summary>The tenancy admits the caller's directory but asks for an app role the token does not carry.</summary>
    public const string TenancyRoleRequired = "tenancy_role_required";

    /// <summary>
    /// The tenancy asks for an authentication context (<c>acrs</c>) the token does not carry: the answer holds the
    /// claims challenge to step up with.
    /// </summary>
    public const string InsufficientClaims = "insufficient_claims";

    /// <summary>Not a refusal of the caller: the token could not be checked because the authority is unreachable (503).</summary>
    public const string AuthorityUnavailable = "authority_unavailable";

    /// <summary>Not a refusal of the caller: the revocation could not be recorded for every instance (Redis unreachable); retry (503).</summary>
    public const string RevocationUnavailable = "revocation_unavailable";

    /// <summary>Not a refusal of the caller: the tenancy registry's database cannot be written; nothing was (503).</summary>
    public const string TenancyStoreUnavailable = "tenancy_store_unavailable";

    /// <summary>
    /// Not a refusal of the caller: the API's cut-off is in force, but Microsoft Graph did not end the user's Entra
    /// sign-in sessions (502); retry, the route is idempotent.
    /// </summary>
    public const string SignInSessionsNotRevoked = "sign_in_sessions_not_revoked";

    /// <summary>Not a refusal of the caller either: over a rate limit (429), see <c>RateLimiting/</c>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>Every reason, highest priority first.</summary>
    public static IReadOnlyList<string> InPriorityOrder { get; } =
        [MissingToken, InvalidToken, UserTokenRequired, RoleRequired, InsufficientScope, MissingTenant, InvalidTenant, TenantNotPermitted, TenancyRoleRequired, InsufficientClaims];

    internal static string Describe(string reason) => reason switch
    {
        MissingToken => "Send an Entra ID access token in the Authorization header: 'Authorization: Bearer <token>'.",
        InvalidToken => "The access token is not valid for this API: it may be malformed, expired, revoked, or issued by another authority or for another audience. Obtain a new token.",
        UserTokenRequired => "This endpoint acts on behalf of a signed-in user; an application-only token cannot be used.",
        RoleRequired => "This endpoint is for an operator's application: send an application-only token that holds the required app role.",
        InsufficientScope => "The access token does not grant the scope this endpoint requires.",
        MissingTenant => "Send the tenancy name in the X-Tenant-ID header.",
        InvalidTenant => "X-Tenant-ID must be one tenancy name of 1 to 63 letters, digits or '-'.",
        TenantNotPermitted => "The tenancy (or, on an operator route, the directory) does not exist or the caller is not permitted to use it.",
        TenancyRoleRequired => "This tenancy requires an app role the access token does not carry.",
        InsufficientClaims => "This tenancy requires a stronger sign-in (an authentication context) than the access token carries. Get a new token with the claims in WWW-Authenticate.",
        AuthorityUnavailable => "The token could not be checked because the identity provider cannot be reached. Retry later; the token itself may be fine.",
        RevocationUnavailable => "Revocations could not be recorded for, or confirmed with, every instance of the service. Retry later.",
        TenancyStoreUnavailable => "The tenancy registry's database cannot be reached: nothing was changed. Retry later; tenancies already in force keep working.",
        SignInSessionsNotRevoked => "The user's tokens are refused by this API on every instance, but Microsoft Graph did not end the user's Entra sign-in sessions, so refresh tokens may still mint new tokens. Retry; the service's log says why.",

        RateLimited => "Too many requests. Wait for the number of seconds in Retry-After, then retry.",
        _ => "Access to this resource is denied.",
    };
}
