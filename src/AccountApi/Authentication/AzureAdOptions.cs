namespace AccountApi.Authentication;

/// <summary>
/// The <c>AzureAd</c> section: which Entra ID authority issues the tokens this API accepts, and for which application.
/// It is the single source for Microsoft.Identity.Web and for the JwtBearer settings derived from it.
/// </summary>
public sealed class AzureAdOptions
{
    public const string SectionName = "AzureAd";

    /// <summary>The authority's base address, e.g. <c>https://login.microsoftonline.com/</c>. Plain http only on loopback.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>One directory id, or <c>organizations</c>/<c>common</c> for a multi-tenant API.</summary>
    public string TenantId { get; set; } = "organizations";

    /// <summary>The API's application (client) id; tokens must be issued for it.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>An extra accepted audience (the client id and <c>api://{ClientId}</c> are always accepted).</summary>
    public string? Audience { get; set; }

    /// <summary>Space-separated delegated scopes; a caller's token needs one of them in <c>scp</c>.</summary>
    public string Scopes { get; set; } = "Account.Read";

    /// <summary>
    /// How long a request waits for the authority's discovery document and keys when none are cached (or its token
    /// names a key that is not); past it the request is answered 503 <c>authority_unavailable</c>. Default 5 seconds.
    /// </summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the authority's discovery document and keys are fetched again while everything works: a signing key
    /// the authority withdraws stops being accepted at the next fetch. From 5 minutes (IdentityModel's floor) to 1 hour
    /// (the default): JwtBearer's own default, 12 hours, would keep a withdrawn key for half a day.
    /// </summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    internal bool IsMultiTenant =>
        TenantId.Equals("organizations", StringComparison.OrdinalIgnoreCase)
        || TenantId.Equals("common", StringComparison.OrdinalIgnoreCase);

    internal string NormalizedInstance => Instance.EndsWith('/') ? Instance : Instance + "/";

    internal string[] RequiredScopes => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The scopes as a client asks for them: <c>api://{ClientId}/Account.Read</c>.</summary>
    internal string[] FullyQualifiedScopes => [.. RequiredScopes.Select(scope => $"api://{ClientId}/{scope}")];

    internal string[] ValidAudiences => Audience is { Length: > 0 } extra
        ? [ClientId, $"api://{ClientId}", extra]
        : [ClientId, $"api://{ClientId}"];
}
