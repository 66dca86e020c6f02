using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Token;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Grants;

/// <summary>
/// <c>grant_type=client_credentials</c>: an app-only token for a confidential client allowed to use it, in one
/// directory, for <c>api://{ClientId}/.default</c> or Microsoft Graph's <c>https://graph.microsoft.com/.default</c>
/// (with the client's <c>GraphRoles</c>). No refresh token.
/// </summary>
internal sealed class ClientCredentialsGrantHandler(
    AccessTokenFactory accessTokens,
    ScopeParser scopes,
    DevIdentityCatalog catalog,
    ILogger<ClientCredentialsGrantHandler> logger)
{
    private const string GrantType = OpenIdConnectGrantTypes.ClientCredentials;

    public IResult Handle(TokenRequestContext request)
    {
        var client = request.Client;
        if (client.IsPublic)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.UnauthorizedClient, "A public client cannot use client_credentials; use a confidential client with a secret.", EntraErrorCodes.MissingClientSecret);
        }

        if (!client.AllowClientCredentials)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.UnauthorizedClient, $"Client '{client.Name}' is not allowed the client_credentials grant; set AllowClientCredentials for it.");
        }

        if (request.Tenant.Directory is not { } directory)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidRequest, $"client_credentials needs a directory id in the path, not '{request.Tenant.Segment}'; e.g. {catalog.Urls.TokenEndpoint(catalog.Directories.First().TenantId.ToString("D"))}.", EntraErrorCodes.NoTenantIdentifyingInformation);
        }

        var scope = request.Parameters[OpenIdConnectParameterNames.Scope];
        if (scope is null)
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidRequest, $"scope is required: send {scopes.ApiScopePrefix}.default.", EntraErrorCodes.MissingParameter);
        }

        if (MicrosoftGraph.IsApplicationDefault(scope))
        {
            var graphToken = accessTokens.CreateForGraphApplication(client, directory, request.Claims);
            logger.TokensIssued(client.Name, GrantType);
            return OAuthResults.Json(TokenResponse.From(graphToken, refreshToken: null, MicrosoftGraph.ResourceUri + "/.default"));
        }

        if (!scopes.IsApplicationDefault(scope))
        {
            return TokenRefusal.Create(logger, GrantType, OAuthErrors.InvalidScope, $"client_credentials accepts only scope={scopes.ApiScopePrefix}.default; the roles come from the client's AppRoles.", EntraErrorCodes.ClientCredentialsNeedDefaultScope);
        }

        var accessToken = accessTokens.CreateForApplication(client, directory, request.Claims);
        logger.TokensIssued(client.Name, GrantType);
        return OAuthResults.Json(TokenResponse.From(accessToken, refreshToken: null, scopes.ApiScopePrefix + ".default"));
    }
}
