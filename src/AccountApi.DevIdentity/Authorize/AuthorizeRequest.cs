using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Directories;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>A validated authorize request.</summary>
internal sealed record AuthorizeRequest(
    DirectorySelection Tenant,
    DevClient Client,
    string RedirectUri,
    string? State,
    string RawScope,
    ScopeRequest Scopes,
    string? Nonce,
    string? CodeChallenge,
    string? LoginHint,
    string? Prompt,
    string ResponseMode,
    string? RawClaims,
    ClaimsRequest Claims)
{
    /// <summary>The parameters the sign-in form posts back so the POST can validate the same request again.</summary>
    public IEnumerable<KeyValuePair<string, string>> FormFields()
    {
        yield return new(OpenIdConnectParameterNames.ClientId, Client.ClientId);
        yield return new(OpenIdConnectParameterNames.RedirectUri, RedirectUri);
        yield return new(OpenIdConnectParameterNames.ResponseType, OpenIdConnectResponseType.Code);
        yield return new(OpenIdConnectParameterNames.Scope, RawScope);
        yield return new(OpenIdConnectParameterNames.ResponseMode, ResponseMode);
        if (State is not null)
        {
            yield return new(OpenIdConnectParameterNames.State, State);
        }

        if (Nonce is not null)
        {
            yield return new(OpenIdConnectParameterNames.Nonce, Nonce);
        }

        if (RawClaims is not null)
        {
            yield return new(ClaimsRequest.ParameterName, RawClaims);
        }

        if (CodeChallenge is not null)
        {
            yield return new(OAuthConstants.CodeChallengeKey, CodeChallenge);
            yield return new(OAuthConstants.CodeChallengeMethodKey, OAuthConstants.CodeChallengeMethodS256);
        }
    }
}
