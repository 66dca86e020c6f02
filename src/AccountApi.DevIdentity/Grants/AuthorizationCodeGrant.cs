using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;

namespace AccountApi.DevIdentity.Grants;

/// <summary>What an authorization code stands for: who signed in, for which client, redirect, scopes and PKCE challenge.</summary>
internal sealed record AuthorizationCodeGrant(
    DevClient Client,
    string RedirectUri,
    DevUser User,
    ScopeRequest Scopes,
    string? Nonce,
    string? CodeChallenge,
    ClaimsRequest Claims,
    DateTimeOffset ExpiresAt);
