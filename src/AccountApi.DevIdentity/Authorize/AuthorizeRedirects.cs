using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// Builds the authorize endpoint's responses to the client, in the request's response mode (query, fragment or
/// form_post): the code, error responses, and the error page when the client cannot be trusted. <c>state</c> is
/// returned verbatim.
/// </summary>
internal static class AuthorizeRedirects
{
    public static IResult Code(HttpContext context, AuthorizeRequest request, string code) =>
        Respond(context, request.RedirectUri, request.ResponseMode, [new(OpenIdConnectParameterNames.Code, code), new(OpenIdConnectParameterNames.State, request.State)]);

    public static IResult Error(HttpContext context, ILogger logger, AuthorizeError error)
    {
        logger.AuthorizeRefused(error.Error, error.Description);
        var description = EntraErrorCodes.Describe(error.Code, error.Description);
        if (error.RedirectUri is null)
        {
            return ErrorPage.Create(error.Error, description);
        }

        return Respond(context, error.RedirectUri, error.ResponseMode,
        [
            new(OpenIdConnectParameterNames.Error, error.Error),
            new(OpenIdConnectParameterNames.ErrorDescription, description),
            new(OpenIdConnectParameterNames.State, error.State),
        ]);
    }

    private static IResult Respond(HttpContext context, string redirectUri, string responseMode, KeyValuePair<string, string?>[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)).ToList();
        if (responseMode == OpenIdConnectResponseMode.FormPost)
        {
            return FormPostPage.Create(redirectUri, present);
        }

        // The Location carries a code: keep it out of caches and Referer headers.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var location = responseMode == OpenIdConnectResponseMode.Fragment
            ? redirectUri + "#" + string.Join('&', present.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"))
            : QueryHelpers.AddQueryString(redirectUri, present!);
        return TypedResults.Redirect(location);
    }
}
