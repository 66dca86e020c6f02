using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Session;

/// <summary>
/// <c>GET|POST {base}/{tenant}/oauth2/v2.0/logout</c>, the <c>end_session_endpoint</c>: ends the session, then
/// returns to <c>post_logout_redirect_uri</c> (with <c>state</c>) only when it is a registered redirect URI (of the
/// <c>client_id</c> when one is given), as Entra checks it against the app registration; otherwise shows a page.
/// </summary>
internal static class LogoutEndpoints
{
    public static void MapLogoutEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{tenant}/oauth2/v2.0/logout", (HttpContext context, SignInSession session, DevIdentityCatalog catalog) =>
            SignOut(context, new RequestParameters(context.Request.Query), session, catalog)).WithName("DevIdentityLogout");
        group.MapPost("/{tenant}/oauth2/v2.0/logout", SignOutPostAsync).WithName("DevIdentityLogoutPost");
    }

    private static async Task<IResult> SignOutPostAsync(HttpContext context, SignInSession session, DevIdentityCatalog catalog)
    {
        var form = await Protocol.FormReader.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        return SignOut(context, form ?? RequestParameters.Empty, session, catalog);
    }

    private static IResult SignOut(HttpContext context, RequestParameters parameters, SignInSession session, DevIdentityCatalog catalog)
    {
        session.End(context);
        var redirectUri = parameters[OpenIdConnectParameterNames.PostLogoutRedirectUri];
        if (redirectUri is null)
        {
            return SignedOutPage.Create(refusedRedirectUri: null);
        }

        var clients = parameters[OpenIdConnectParameterNames.ClientId] is { } clientId
            ? catalog.FindClient(clientId) is { } client ? [client] : []
            : catalog.Clients;
        if (!clients.Any(c => c.HasRedirectUri(redirectUri)))
        {
            return SignedOutPage.Create(refusedRedirectUri: redirectUri);
        }

        var state = parameters[OpenIdConnectParameterNames.State];
        return TypedResults.Redirect(state is null ? redirectUri : QueryHelpers.AddQueryString(redirectUri, OpenIdConnectParameterNames.State, state));
    }
}
