using AccountApi.Entra;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Refusals;

/// <summary>
/// A refusal that a client can cure by asking the authority for a token with more claims: <see cref="RefusalReasons.InsufficientClaims"/>,
/// with the base64 <c>claims</c> to send (MSAL's <c>WithClaims</c>), as Entra's Conditional Access step-up asks.
/// </summary>
internal sealed class ClaimsChallengeFailure(IAuthorizationHandler handler, string claimsChallenge)
    : AuthorizationFailureReason(handler, RefusalReasons.InsufficientClaims)
{
    public string ClaimsChallenge { get; } = claimsChallenge;

    /// <summary>The challenge for an authentication context: base64 of <c>{"access_token":{"acrs":{"essential":true,"value":"c1"}}}</c>.</summary>
    public static string ForAuthenticationContext(string context) =>
        Entra.ClaimsChallenge.ForAccessTokenClaim(EntraClaimNames.AuthenticationContexts, context);
}
