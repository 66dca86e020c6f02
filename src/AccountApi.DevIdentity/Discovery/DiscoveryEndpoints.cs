using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Signing;
using AccountApi.DevIdentity.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Discovery;

/// <summary>OpenID Connect discovery and the JWKS, per tenant, as Entra ID serves them.</summary>
internal static class DiscoveryEndpoints
{
    private static readonly string[] s_claims =
    [
        "aud", "iss", "iat", "nbf", "exp", "tid", "oid", "sub", "name", "preferred_username", "scp", "roles",
        "azp", "azpacr", "ver", "uti", "idtyp",
    ];

    public static void MapDiscoveryEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", GetConfiguration).WithName("DevIdentityDiscovery");
        group.MapGet("/{tenant}/discovery/v2.0/keys", GetKeys).WithName("DevIdentityKeys");
    }

    private static IResult GetConfiguration(string tenant, TenantResolver resolver, DevIdentityCatalog catalog, ScopeParser scopes)
    {
        if (resolver.Resolve(tenant) is not { } selection)
        {
            return UnknownTenant(tenant);
        }

        var urls = catalog.Urls;
        return OAuthResults.Json(new OpenIdConfiguration(
            Issuer: IssuerOf(selection, urls),
            AuthorizationEndpoint: urls.AuthorizationEndpoint(selection.Segment),
            TokenEndpoint: urls.TokenEndpoint(selection.Segment),
            JwksUri: urls.JwksUri(selection.Segment),
            ResponseTypesSupported: ["code"],
            ResponseModesSupported: ["query"],
            GrantTypesSupported: [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials],
            CodeChallengeMethodsSupported: [Pkce.S256],
            IdTokenSigningAlgValuesSupported: [SecurityAlgorithms.RsaSha256],
            TokenEndpointAuthMethodsSupported: ["client_secret_post", "client_secret_basic", "none"],
            ScopesSupported: ["openid", "profile", "email", "offline_access", .. catalog.ApiScopes.Select(s => scopes.ApiScopePrefix + s), scopes.ApiScopePrefix + ".default"],
            SubjectTypesSupported: ["pairwise"],
            ClaimsSupported: s_claims,
            PromptValuesSupported: ["none", "login", "select_account", "consent"],
            RequestUriParameterSupported: false,
            TenantRegionScope: null,
            CloudInstanceName: "dev-idp.localhost"));
    }

    private static IResult GetKeys(string tenant, TenantResolver resolver, DevIdentityCatalog catalog, SigningKeyStore keys)
    {
        if (resolver.Resolve(tenant) is not { } selection)
        {
            return UnknownTenant(tenant);
        }

        var issuer = IssuerOf(selection, catalog.Urls);
        return OAuthResults.Json(new PublishedKeySet([.. keys.Keys.Published.Select(key => new PublishedKey(
            "RSA", "sig", key.KeyId, key.Modulus, key.Exponent, SecurityAlgorithms.RsaSha256, issuer))]));
    }

    private static string IssuerOf(TenantSelection selection, ProviderUrls urls) =>
        selection.Directory is { } directory ? urls.Issuer(directory.TenantId) : urls.IssuerTemplate;

    private static IResult UnknownTenant(string tenant) => OAuthResults.Error(
        OAuthErrors.InvalidRequest, TenantMessages.Unknown(tenant));
}
