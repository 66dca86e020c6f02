namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// What a delegated request asked for: the API scopes (names as configured) and the OpenID scopes. With no API
/// scope the request is for Microsoft Graph, as Entra treats a sign-in that names only OpenID scopes.
/// </summary>
internal sealed record ScopeRequest(IReadOnlyList<string> ApiScopes, IReadOnlyList<string> OpenIdScopes)
{
    public const string OpenId = "openid";
    public const string OfflineAccess = "offline_access";

    public bool IsForGraph => ApiScopes.Count == 0;

    /// <summary>Whether an id_token is issued: on code redemption and on every refresh of the grant.</summary>
    public bool IncludesOpenId => OpenIdScopes.Contains(OpenId, StringComparer.Ordinal);

    /// <summary>The <c>scp</c> of a Graph token: the OpenID scopes that are permissions (not offline_access).</summary>
    public IReadOnlyList<string> GraphScopes => [.. OpenIdScopes.Where(s => s != OfflineAccess)];
}
