namespace AccountApi.DevIdentity.Configuration;

/// <summary>
/// Builds issuers and endpoint addresses from <see cref="DevIdentityOptions.PublicBaseAddress"/>, never from the
/// request, so tokens and discovery do not depend on the Host header.
/// </summary>
internal sealed class ProviderUrls(string publicBaseAddress)
{
    /// <summary>The literal Entra uses in multi-tenant issuers.</summary>
    public const string TenantIdTemplate = "{tenantid}";

    public string BaseAddress { get; } = publicBaseAddress.TrimEnd('/');

    /// <summary>The path the provider is mapped under: <c>/</c> at the root of its origin; the session cookie's path.</summary>
    public string BasePath => new Uri(BaseAddress + "/").AbsolutePath.TrimEnd('/') is { Length: > 0 } path ? path : "/";

    public bool IsHttps => BaseAddress.StartsWith(Uri.UriSchemeHttps + "://", StringComparison.OrdinalIgnoreCase);

    public string Issuer(Guid tenantId) => $"{BaseAddress}/{tenantId:D}/v2.0";

    public string IssuerTemplate => $"{BaseAddress}/{TenantIdTemplate}/v2.0";

    public string AuthorizationEndpoint(string tenant) => $"{BaseAddress}/{tenant}/oauth2/v2.0/authorize";

    public string TokenEndpoint(string tenant) => $"{BaseAddress}/{tenant}/oauth2/v2.0/token";

    public string EndSessionEndpoint(string tenant) => $"{BaseAddress}/{tenant}/oauth2/v2.0/logout";

    public string JwksUri(string tenant) => $"{BaseAddress}/{tenant}/discovery/v2.0/keys";

    /// <summary>Entra's userinfo lives on Microsoft Graph; the provider serves its own on its origin.</summary>
    public string UserInfoEndpoint => $"{BaseAddress}/oidc/userinfo";
}
