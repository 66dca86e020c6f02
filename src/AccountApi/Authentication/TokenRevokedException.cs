using AccountApi.Revocation;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>A token that validated but was withdrawn before its expiry; classified apart from malformed or forged tokens.</summary>
/// <param name="message">For the log: which revocation applied, with the token's digest or subject, never the token.</param>
/// <param name="revocation">Which revocation applied.</param>
/// <param name="claimsChallenge">
/// For a cut-off and a client that declared <c>cp1</c>: the <c>claims</c> parameter of the challenge that lets it ask
/// for a token issued after the cut-off (<see cref="AccountApi.Revocation.RevocationChallenge"/>); otherwise null.
/// </param>
internal sealed class TokenRevokedException(string message, TokenRevocation revocation, string? claimsChallenge)
    : SecurityTokenException(message)
{
    public TokenRevocation Revocation { get; } = revocation;

    public string? ClaimsChallenge { get; } = claimsChallenge;
}
