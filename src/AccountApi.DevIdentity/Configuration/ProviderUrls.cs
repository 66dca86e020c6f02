using AccountApi.Entra;

namespace AccountApi.DevIdentity.Configuration;

/// <summary>
/// Builds issuers and endpoint addresses from <see cref="DevIdentityOptions.PublicBaseAddress"/>, never from the
/// request, so tokens and discovery do not depend on the Host header.
/// </summary>
internal sealed class ProviderUrls(string publicBaseAddress)
{
    public string BaseAddress { get; } = publicBaseAddress.TrimEnd('/');

    /// <summary>The path the provider is mapped under: <c>/</c> at the root of its origin; the session cookie's path.</summary>
    public string BasePath => new Uri(BaseAddress + "/").AbsolutePath.TrimEnd('/') is { Length: > 0 } path ? path : "/";

    public bool IsHttps => BaseAddress.StartsWith(Uri.UriSchemeHttps + "://", StringComparison.OrdinalIgnoreCase);

    public string Issuer(Guid tenantId) => EntraUrls.Issuer(BaseAddress, tenantId);

    public string IssuerTemplate => EntraUrls.Issuer(BaseAddress, EntraUrls.TenantIdTemplate);

    public string AuthorizationEndpoint(string tenant) => EntraUrls.Authorize(BaseAddress, tenant);

    public string TokenEndpoint(string tenant) => EntraUrls.Token(BaseAddress, tenant);

    public string EndSessionEndpoint(string tenant) => EntraUrls.Logout(BaseAddress, tenant);

    public string JwksUri(string tenant) => EntraUrls.Keys(BaseAddress, tenant);

    /// <summary>Entra's userinfo lives on Microsoft Graph; the provider serves its own on its origin.</summary>
    public string UserInfoEndpoint => $"{BaseAddress}/oidc/userinfo";
}
