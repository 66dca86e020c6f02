using AccountApi.DevIdentity.Cors;
using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Directories;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// <c>POST {base}/{tenant}/oauth2/v2.0/token</c> (and the seed's <c>.../oauth2/v2.0/oauth/token</c>): parses the
/// form, authenticates the client and hands the request to the grant's handler.
/// </summary>
internal static class TokenEndpoints
{
    private static readonly string[] s_parameters =
    [
        OpenIdConnectParameterNames.GrantType, OpenIdConnectParameterNames.ClientId, OpenIdConnectParameterNames.ClientSecret,
        OpenIdConnectParameterNames.Code, OpenIdConnectParameterNames.RedirectUri, OAuthConstants.CodeVerifierKey,
        OpenIdConnectParameterNames.RefreshToken, OpenIdConnectParameterNames.Scope, OpenIdConnectParameterNames.ClientAssertion, ClientInfo.ParameterName,
        ClaimsRequest.ParameterName,
    ];

    public static void MapTokenEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapPost("/{tenant}/oauth2/v2.0/token", HandleAsync).AllowPublicClientOrigins().WithName("DevIdentityToken");
        group.MapPost("/{tenant}/oauth2/v2.0/oauth/token", HandleAsync).AllowPublicClientOrigins().WithName("DevIdentityTokenSeedSpelling");
    }

    private static async Task<IResult> HandleAsync(
        string tenant, HttpContext context, [AsParameters] TokenServices services)
    {
        var logger = services.Logger;
        var parameters = await FormReader.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (parameters is null)
        {
            return TokenRefusal.Create(logger, "unknown", OAuthErrors.InvalidRequest, "Send the parameters as an application/x-www-form-urlencoded body.", EntraErrorCodes.MalformedRequest);
        }

        var grantType = parameters[OpenIdConnectParameterNames.GrantType] ?? "unknown";
        if (parameters.FindRepeated(s_parameters) is { } repeated)
        {
            return TokenRefusal.Create(logger, grantType, OAuthErrors.InvalidRequest, $"The parameter '{repeated}' was sent more than once; send it once.", EntraErrorCodes.MalformedRequest);
        }

        if (services.Resolver.Resolve(tenant) is not { } selection)
        {
            return TokenRefusal.Create(logger, grantType, OAuthErrors.InvalidRequest, DirectoryMessages.Unknown(tenant), EntraErrorCodes.TenantNotFound);
        }

        if (!parameters.Contains(OpenIdConnectParameterNames.GrantType))
        {
            return TokenRefusal.Create(logger, grantType, OAuthErrors.InvalidRequest, "grant_type is required: authorization_code, refresh_token or client_credentials.", EntraErrorCodes.MissingParameter);
        }

        if (grantType is not (OpenIdConnectGrantTypes.AuthorizationCode or OpenIdConnectGrantTypes.RefreshToken or OpenIdConnectGrantTypes.ClientCredentials))
        {
            return TokenRefusal.Create(logger, "unsupported", OAuthErrors.UnsupportedGrantType, "grant_type must be authorization_code, refresh_token or client_credentials.", EntraErrorCodes.UnsupportedGrantType);
        }

        var authentication = services.Authenticator.Authenticate(context.Request, parameters);
        if (authentication.Client is not { } client)
        {
            logger.ClientAuthenticationFailed(grantType, authentication.FailureReason!);
            return authentication.Failure!;
        }

        if (ClaimsRequest.Parse(parameters[ClaimsRequest.ParameterName], services.TimeProvider.GetUtcNow(), out var claimsError) is not { } claims)
        {
            return TokenRefusal.Create(logger, grantType, OAuthErrors.InvalidRequest, claimsError!, EntraErrorCodes.MalformedRequest);
        }

        var request = new TokenRequestContext(
            selection, client, authentication.UsedSecret, parameters, claims, services.RevocationSink, context.RequestAborted);
        return grantType switch
        {
            OpenIdConnectGrantTypes.AuthorizationCode => await services.AuthorizationCode.HandleAsync(request).ConfigureAwait(false),
            OpenIdConnectGrantTypes.RefreshToken => await services.RefreshToken.HandleAsync(request).ConfigureAwait(false),
            _ => services.ClientCredentials.Handle(request),
        };
    }
}
