using System.Text.Json;
using AccountApi.DevIdentity.Authorize;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Cors;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Signing;
using AccountApi.DevIdentity.Directories;
using AccountApi.DevIdentity.Token;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
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

    private static IResult GetConfiguration(string tenant, DirectoryResolver resolver, DevIdentityCatalog catalog, ScopeParser scopes)
    {
        if (resolver.Resolve(tenant) is not { } selection)
        {
            return UnknownTenant(tenant);
        }

        var urls = catalog.Urls;
        var configuration = new OpenIdConnectConfiguration
        {
            Issuer = IssuerOf(selection, urls),
            AuthorizationEndpoint = urls.AuthorizationEndpoint(selection.Segment),
            TokenEndpoint = urls.TokenEndpoint(selection.Segment),
            JwksUri = urls.JwksUri(selection.Segment),
            UserInfoEndpoint = urls.UserInfoEndpoint,
            EndSessionEndpoint = urls.EndSessionEndpoint(selection.Segment),
        };
        Add(configuration.ResponseTypesSupported, OpenIdConnectResponseType.Code);
        Add(configuration.ResponseModesSupported, AuthorizeRequestValidator.ResponseModes);
        Add(configuration.GrantTypesSupported, OpenIdConnectGrantTypes.AuthorizationCode, OpenIdConnectGrantTypes.RefreshToken, OpenIdConnectGrantTypes.ClientCredentials);
        Add(configuration.CodeChallengeMethodsSupported, OAuthConstants.CodeChallengeMethodS256);
        Add(configuration.IdTokenSigningAlgValuesSupported, SecurityAlgorithms.RsaSha256);
        Add(configuration.TokenEndpointAuthMethodsSupported, "client_secret_post", "client_secret_basic", "none");
        Add(configuration.ScopesSupported, [.. ScopeParser.OpenIdScopes, .. catalog.ApiScopes.Select(s => scopes.ApiScopePrefix + s), scopes.ApiScopePrefix + ".default"]);
        Add(configuration.SubjectTypesSupported, "pairwise");
        Add(configuration.ClaimsSupported, JwtSigner.EmittedClaims);
        Add(configuration.PromptValuesSupported, AuthorizeRequestValidator.Prompts);
        // Write omits false flags; Entra's document states them. It says true for logout, but this provider sends no
        // logout notifications to clients.
        configuration.AdditionalData[OpenIdProviderMetadataNames.HttpLogoutSupported] = false;
        configuration.AdditionalData[OpenIdProviderMetadataNames.FrontchannelLogoutSupported] = false;
        configuration.AdditionalData[OpenIdProviderMetadataNames.RequestUriParameterSupported] = false;
        // Entra's own members; MSAL reads cloud_instance_name and tenant_region_scope.
        configuration.AdditionalData["tenant_region_scope"] = null!;
        configuration.AdditionalData["cloud_instance_name"] = "dev-idp.localhost";
        return OAuthResults.Json(JsonSerializer.Deserialize<JsonElement>(OpenIdConnectConfiguration.Write(configuration)));
    }

    private static IResult GetKeys(string tenant, DirectoryResolver resolver, DevIdentityCatalog catalog, SigningKeyStore keys)
    {
        if (resolver.Resolve(tenant) is not { } selection)
        {
            return UnknownTenant(tenant);
        }

        var issuer = IssuerOf(selection, catalog.Urls);
        var keySet = new JsonWebKeySet();
        Add(keySet.Keys, [.. keys.Keys.Published.Select(key => key.PublicJwk(issuer))]);
        return OAuthResults.Json(keySet);
    }

    private static void Add<T>(ICollection<T> collection, params IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            collection.Add(item);
        }
    }

    private static string IssuerOf(DirectorySelection selection, ProviderUrls urls) =>
        selection.Directory is { } directory ? urls.Issuer(directory.TenantId) : urls.IssuerTemplate;

    private static IResult UnknownTenant(string tenant) => OAuthResults.Error(
        OAuthErrors.InvalidRequest, DirectoryMessages.Unknown(tenant), code: EntraErrorCodes.TenantNotFound);
}
