using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Directories;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// Validates authorize parameters (from the query, or from the sign-in form's post-back) in the order RFC 6749
/// requires: client and redirect URI first, because until both are trusted no error may be redirected.
/// </summary>
internal sealed class AuthorizeRequestValidator(DevIdentityCatalog catalog, ScopeParser scopes, TimeProvider timeProvider)
{
    // The nonce is copied into the id_token; a real one is a GUID or 43 base64url characters.
    private const int MaxNonceLength = 512;

    /// <summary>How the result may travel back to the client; query is the default for <c>response_type=code</c>.</summary>
    public static IReadOnlyList<string> ResponseModes { get; } =
        [OpenIdConnectResponseMode.Query, OpenIdConnectResponseMode.Fragment, OpenIdConnectResponseMode.FormPost];

    /// <summary>The <c>prompt</c> values Entra accepts (OpenID Connect Core §3.1.2.1, plus <c>select_account</c>).</summary>
    public static IReadOnlyList<string> Prompts { get; } =
        [OpenIdConnectPrompt.None, OpenIdConnectPrompt.Login, OpenIdConnectPrompt.SelectAccount, OpenIdConnectPrompt.Consent];

    public AuthorizeRequest? Validate(RequestParameters parameters, DirectorySelection tenant, out AuthorizeError? error)
    {
        error = ValidateClient(parameters, out var client, out var redirectUri);
        if (error is not null)
        {
            return null;
        }

        var state = parameters[OpenIdConnectParameterNames.State];
        var responseMode = OpenIdConnectResponseMode.Query;
        AuthorizeRequest? Fail(string code, string description, int? entraCode, out AuthorizeError? failure)
        {
            failure = new AuthorizeError(code, description, redirectUri, state, responseMode, entraCode);
            return null;
        }

        if (parameters.FindRepeated(OpenIdConnectParameterNames.State, OpenIdConnectParameterNames.ResponseType, OpenIdConnectParameterNames.Scope, OpenIdConnectParameterNames.Nonce,
                OAuthConstants.CodeChallengeKey, OAuthConstants.CodeChallengeMethodKey, OpenIdConnectParameterNames.LoginHint, OpenIdConnectParameterNames.Prompt,
                OpenIdConnectParameterNames.ResponseMode, ClaimsRequest.ParameterName) is { } repeated)
        {
            return Fail(OAuthErrors.InvalidRequest, $"The parameter '{repeated}' was sent more than once; send it once.", EntraErrorCodes.MalformedRequest, out error);
        }

        // Read before anything else can fail, so every later error travels back the way the client asked.
        if (parameters[OpenIdConnectParameterNames.ResponseMode] is { } mode)
        {
            if (!ResponseModes.Contains(mode, StringComparer.Ordinal))
            {
                return Fail(OAuthErrors.InvalidRequest, $"response_mode '{LogValue.Sanitize(mode)}' is not supported; use query, fragment or form_post.", EntraErrorCodes.MalformedRequest, out error);
            }

            responseMode = mode;
        }

        switch (parameters[OpenIdConnectParameterNames.ResponseType])
        {
            case null:
                return Fail(OAuthErrors.InvalidRequest, "response_type is required; use response_type=code.", EntraErrorCodes.MissingParameter, out error);
            case not OpenIdConnectResponseType.Code:
                return Fail(OAuthErrors.UnsupportedResponseType, "Only response_type=code (the authorization code flow) is supported.", null, out error);
        }

        if (parameters[OpenIdConnectParameterNames.Scope] is not { } rawScope)
        {
            return Fail(OAuthErrors.InvalidRequest, $"scope is required, e.g. scope={scopes.ApiScopePrefix}.default offline_access.", EntraErrorCodes.MissingParameter, out error);
        }

        if (scopes.ParseDelegated(rawScope, out var scopeError) is not { } scopeRequest)
        {
            return Fail(OAuthErrors.InvalidScope, scopeError!, EntraErrorCodes.InvalidScope, out error);
        }

        if (ValidatePkce(parameters, client!) is { } pkceError)
        {
            return Fail(OAuthErrors.InvalidRequest, pkceError, client!.IsPublic ? EntraErrorCodes.PkceRequired : EntraErrorCodes.MalformedRequest, out error);
        }

        var nonce = parameters[OpenIdConnectParameterNames.Nonce];
        if (nonce is { Length: > MaxNonceLength })
        {
            return Fail(OAuthErrors.InvalidRequest, $"nonce is longer than {MaxNonceLength} characters; send a short random value.", EntraErrorCodes.MalformedRequest, out error);
        }

        var prompt = parameters[OpenIdConnectParameterNames.Prompt];
        if (prompt is not null && !Prompts.Contains(prompt, StringComparer.Ordinal))
        {
            return Fail(OAuthErrors.InvalidRequest, "prompt must be one of none, login, select_account, consent.", EntraErrorCodes.MalformedRequest, out error);
        }

        var rawClaims = parameters[ClaimsRequest.ParameterName];
        if (ClaimsRequest.Parse(rawClaims, timeProvider.GetUtcNow(), out var claimsError) is not { } claims)
        {
            return Fail(OAuthErrors.InvalidRequest, claimsError!, EntraErrorCodes.MalformedRequest, out error);
        }

        return new AuthorizeRequest(
            tenant, client!, redirectUri!, state, rawScope, scopeRequest, nonce,
            parameters[OAuthConstants.CodeChallengeKey], parameters[OpenIdConnectParameterNames.LoginHint], prompt, responseMode,
            rawClaims, claims);
    }

    private AuthorizeError? ValidateClient(RequestParameters parameters, out DevClient? client, out string? redirectUri)
    {
        client = null;
        redirectUri = null;
        if (parameters.FindRepeated(OpenIdConnectParameterNames.ClientId, OpenIdConnectParameterNames.RedirectUri) is { } repeated)
        {
            return new AuthorizeError(OAuthErrors.InvalidRequest, $"The parameter '{repeated}' was sent more than once; send it once.", Code: EntraErrorCodes.MalformedRequest);
        }

        var clientId = parameters[OpenIdConnectParameterNames.ClientId];
        if (clientId is null)
        {
            return new AuthorizeError(OAuthErrors.InvalidRequest, "client_id is required: the application id of a registered client.", Code: EntraErrorCodes.MissingParameter);
        }

        client = catalog.FindClient(clientId);
        if (client is null)
        {
            return new AuthorizeError(OAuthErrors.UnauthorizedClient, $"client_id '{LogValue.Sanitize(clientId)}' is not a registered client application.", Code: EntraErrorCodes.ApplicationNotFound);
        }

        redirectUri = parameters[OpenIdConnectParameterNames.RedirectUri];
        if (redirectUri is null || !client.HasRedirectUri(redirectUri))
        {
            var registered = client.RedirectUris.Count == 0 ? "none" : string.Join(", ", client.RedirectUris);
            return new AuthorizeError(
                OAuthErrors.InvalidRequest,
                $"redirect_uri '{(redirectUri is null ? "" : LogValue.Sanitize(redirectUri))}' is not registered for client '{client.Name}'; it must equal one of: {registered}.",
                Code: EntraErrorCodes.RedirectUriMismatch);
        }

        return null;
    }

    private static string? ValidatePkce(RequestParameters parameters, DevClient client)
    {
        var challenge = parameters[OAuthConstants.CodeChallengeKey];
        var method = parameters[OAuthConstants.CodeChallengeMethodKey];
        if (challenge is null)
        {
            if (method is not null)
            {
                return "code_challenge_method was sent without code_challenge.";
            }

            return client.IsPublic ? "This public client must use PKCE: send code_challenge and code_challenge_method=S256." : null;
        }

        if (method != OAuthConstants.CodeChallengeMethodS256)
        {
            return "code_challenge_method must be S256 ('plain' is not accepted).";
        }

        return Pkce.IsValidChallenge(challenge)
            ? null
            : "code_challenge must be the base64url SHA-256 of the code_verifier (43 to 128 characters of A-Z, a-z, 0-9, '-', '_').";
    }
}
