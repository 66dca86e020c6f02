using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Tenancy;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>A validated authorize request.</summary>
internal sealed record AuthorizeRequest(
    TenantSelection Tenant,
    DevClient Client,
    string RedirectUri,
    string? State,
    string RawScope,
    ScopeRequest Scopes,
    string? Nonce,
    string? CodeChallenge,
    string? LoginHint,
    string? Prompt,
    string ResponseMode)
{
    /// <summary>The parameters the sign-in form posts back so the POST can validate the same request again.</summary>
    public IEnumerable<KeyValuePair<string, string>> FormFields()
    {
        yield return new(OAuthParameterNames.ClientId, Client.ClientId);
        yield return new(OAuthParameterNames.RedirectUri, RedirectUri);
        yield return new(OAuthParameterNames.ResponseType, "code");
        yield return new(OAuthParameterNames.Scope, RawScope);
        yield return new(OAuthParameterNames.ResponseMode, ResponseMode);
        if (State is not null)
        {
            yield return new(OAuthParameterNames.State, State);
        }

        if (Nonce is not null)
        {
            yield return new(OAuthParameterNames.Nonce, Nonce);
        }

        if (CodeChallenge is not null)
        {
            yield return new(OAuthParameterNames.CodeChallenge, CodeChallenge);
            yield return new(OAuthParameterNames.CodeChallengeMethod, Pkce.S256);
        }
    }
}
