using AccountApi.DevIdentity.Authorize;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Cors;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Signing;
using AccountApi.DevIdentity.Tenancy;
using AccountApi.DevIdentity.Token;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Discovery;

/// <summary>OpenID Connect discovery and the JWKS, per tenant, as Entra ID serves them.</summary>
internal static class DiscoveryEndpoints
{
    public static void MapDiscoveryEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", GetConfiguration)
            .AllowPublicClientOrigins().WithName("DevIdentityDiscovery");
        group.MapGet("/{tenant}/discovery/v2.0/keys", GetKeys).AllowPublicClientOrigins().WithName("DevIdentityKeys");
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
            UserInfoEndpoint: urls.UserInfoEndpoint,
            EndSessionEndpoint: urls.EndSessionEndpoint(selection.Segment),
            // Entra's document says true; this provider sends no logout notifications to clients.
            HttpLogoutSupported: false,
            FrontChannelLogoutSupported: false,
            ResponseTypesSupported: ["code"],
            ResponseModesSupported: ResponseModes.All,
            GrantTypesSupported: [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials],
            CodeChallengeMethodsSupported: [Pkce.S256],
            IdTokenSigningAlgValuesSupported: [SecurityAlgorithms.RsaSha256],
            TokenEndpointAuthMethodsSupported: ["client_secret_post", "client_secret_basic", "none"],
            ScopesSupported: [.. ScopeParser.OpenIdScopes, .. catalog.ApiScopes.Select(s => scopes.ApiScopePrefix + s), scopes.ApiScopePrefix + ".default"],
            SubjectTypesSupported: ["pairwise"],
            ClaimsSupported: TokenClaimNames.All,
            PromptValuesSupported: Prompts.All,
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
        OAuthErrors.InvalidRequest, TenantMessages.Unknown(tenant), code: EntraErrorCodes.TenantNotFound);
}
