using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Directories;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// <c>GET {base}/{tenant}/oauth2/v2.0/authorize</c> returns a code at once for the session's user (single sign-on,
/// and the only way <c>prompt=none</c> succeeds) or for a <c>login_hint</c> naming an allowed user when no prompt is
/// given; otherwise it shows the sign-in page, which posts back to the same path. Signing in starts the session.
/// </summary>
internal static class AuthorizeEndpoints
{
    public static void MapAuthorizeEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{tenant}/oauth2/v2.0/authorize", Get).WithName("DevIdentityAuthorize");
        group.MapPost("/{tenant}/oauth2/v2.0/authorize", PostAsync).WithName("DevIdentitySignIn");
    }

    private static IResult Get(string tenant, HttpContext context, [AsParameters] AuthorizeServices services)
    {
        if (services.Resolver.Resolve(tenant) is not { } selection)
        {
            return AuthorizeRedirects.Error(context, services.Logger, new AuthorizeError(OAuthErrors.InvalidRequest, DirectoryMessages.Unknown(tenant), Code: EntraErrorCodes.TenantNotFound));
        }

        if (services.Validator.Validate(new RequestParameters(context.Request.Query), selection, out var error) is not { } request)
        {
            return AuthorizeRedirects.Error(context, services.Logger, error!);
        }

        var hinted = services.Catalog.FindUser(request.LoginHint) is { } user && selection.Allows(user) ? user : null;
        var signedIn = services.Session.Read(context) is { } sessionUser && selection.Allows(sessionUser)
            && (request.LoginHint is null || string.Equals(request.LoginHint, sessionUser.UserName, StringComparison.OrdinalIgnoreCase))
            ? sessionUser
            : null;
        switch (request.Prompt)
        {
            // A login_hint alone is not a session: a silent request needs the user to have signed in here before.
            case OpenIdConnectPrompt.None when signedIn is null:
                return AuthorizeRedirects.Error(context, services.Logger, new AuthorizeError(
                    OAuthErrors.LoginRequired,
                    "prompt=none needs a sign-in session for a user of this tenant (and the login_hint's user, if one is given); sign in once without prompt=none.",
                    request.RedirectUri, request.State, request.ResponseMode, EntraErrorCodes.LoginRequired));
            case OpenIdConnectPrompt.None or null when signedIn is not null:
                return IssueCode(context, services, request, signedIn, signsInNow: false);
            // The development shortcut: a hint naming a user of the tenant signs them in without the page.
            case null when hinted is not null:
                return IssueCode(context, services, request, hinted, signsInNow: true);
        }

        // prompt=login, select_account and consent always show the page.
        var users = selection.Directory?.Users ?? services.Catalog.Directories.SelectMany(d => d.Users);
        var tokens = services.Antiforgery.GetAndStoreTokens(context);
        var formAction = context.Request.PathBase + context.Request.Path;
        return SignInPage.Create(request, users, tokens, formAction, services.Scopes);
    }

    private static async Task<IResult> PostAsync(string tenant, HttpContext context, [AsParameters] AuthorizeServices services)
    {
        var form = await FormReader.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (form is null)
        {
            services.Logger.SignInFormRefused("not a form post");
            return ErrorPage.Create(OAuthErrors.InvalidRequest, "Post the sign-in form as application/x-www-form-urlencoded, from the sign-in page.");
        }

        try
        {
            await services.Antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            services.Logger.SignInFormRefused("antiforgery validation failed");
            return ErrorPage.Create(OAuthErrors.InvalidRequest, "The sign-in form's antiforgery token is missing or invalid. Open the authorize URL again and sign in from the page.");
        }

        if (services.Resolver.Resolve(tenant) is not { } selection)
        {
            return AuthorizeRedirects.Error(context, services.Logger, new AuthorizeError(OAuthErrors.InvalidRequest, DirectoryMessages.Unknown(tenant), Code: EntraErrorCodes.TenantNotFound));
        }

        if (services.Validator.Validate(form, selection, out var error) is not { } request)
        {
            return AuthorizeRedirects.Error(context, services.Logger, error!);
        }

        if (form[SignInPage.ActionField] == SignInPage.CancelAction)
        {
            return AuthorizeRedirects.Error(context, services.Logger, new AuthorizeError(
                OAuthErrors.AccessDenied, "The user cancelled the sign-in.", request.RedirectUri, request.State, request.ResponseMode, EntraErrorCodes.UserDeclined));
        }

        if (services.Catalog.FindUser(form[SignInPage.UserNameField]) is not { } user || !selection.Allows(user))
        {
            services.Logger.SignInFormRefused("no allowed user chosen");
            return ErrorPage.Create(OAuthErrors.InvalidRequest, "Choose one of the users listed on the sign-in page.");
        }

        return IssueCode(context, services, request, user, signsInNow: true);
    }

    private static IResult IssueCode(HttpContext context, AuthorizeServices services, AuthorizeRequest request, DevUser user, bool signsInNow)
    {
        if (signsInNow)
        {
            services.Session.Start(context, user);
        }

        var code = services.Codes.Issue(expiresAt => new AuthorizationCodeGrant(
            request.Client, request.RedirectUri, user, request.Scopes, request.Nonce, request.CodeChallenge, request.Claims, expiresAt));
        services.Logger.AuthorizationCodeIssued(request.Client.Name, user.UserName);
        return AuthorizeRedirects.Code(context, request, code);
    }
}
