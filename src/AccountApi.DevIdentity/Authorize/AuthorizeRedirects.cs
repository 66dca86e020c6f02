using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// Builds the authorize endpoint's responses to the client: the code redirect, error redirects, and the error page
/// when a redirect is not allowed. <c>state</c> is returned verbatim, URL-encoded.
/// </summary>
internal static class AuthorizeRedirects
{
    public static IResult Code(HttpContext context, AuthorizeRequest request, string code) =>
        Redirect(context, request.RedirectUri, [new(OAuthParameterNames.Code, code), new(OAuthParameterNames.State, request.State)]);

    public static IResult Error(HttpContext context, ILogger logger, AuthorizeError error)
    {
        logger.AuthorizeRefused(error.Error, error.Description);
        if (error.RedirectUri is null)
        {
            return ErrorPage.Create(error.Error, error.Description);
        }

        return Redirect(context, error.RedirectUri,
        [
            new("error", error.Error),
            new("error_description", error.Description),
            new(OAuthParameterNames.State, error.State),
        ]);
    }

    private static RedirectHttpResult Redirect(HttpContext context, string redirectUri, KeyValuePair<string, string?>[] parameters)
    {
        // The Location carries a code: keep it out of caches and Referer headers.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var location = QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null));
        return TypedResults.Redirect(location);
    }
}
