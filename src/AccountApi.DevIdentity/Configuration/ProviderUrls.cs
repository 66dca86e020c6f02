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

    public string Issuer(Guid tenantId) => $"{BaseAddress}/{tenantId:D}/v2.0";

    public string IssuerTemplate => $"{BaseAddress}/{TenantIdTemplate}/v2.0";

    public string AuthorizationEndpoint(string tenant) => $"{BaseAddress}/{tenant}/oauth2/v2.0/authorize";

    public string TokenEndpoint(string tenant) => $"{BaseAddress}/{tenant}/oauth2/v2.0/token";

    public string JwksUri(string tenant) => $"{BaseAddress}/{tenant}/discovery/v2.0/keys";
}
