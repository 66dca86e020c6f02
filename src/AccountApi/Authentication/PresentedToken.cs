using AccountApi.Revocation;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// The request's bearer token as <c>CachedBearerHandler</c> read it, handed to the full pipeline through the
/// request's features: the pipeline reuses its digest, and records here what it accepted, which is what gets cached.
/// </summary>
internal sealed class PresentedToken(string authorization, Range token, string digest)
{
    /// <summary>The token's <c>AccessTokenDigest</c>: the revocation key, kept with the token if it is cached.</summary>
    public string Digest { get; } = digest;

    /// <summary>
    /// Whether <paramref name="encodedToken"/> is, character for character, the token this request presented: compared
    /// where it lies in the <c>Authorization</c> header, so a miss copies the token out of it only once, in JwtBearer.
    /// </summary>
    public bool Is(string encodedToken) => encodedToken.AsSpan().SequenceEqual(authorization.AsSpan(token));

    /// <summary>Set by the full pipeline once every check passed, revocation included; null otherwise.</summary>
    public AcceptedToken? Accepted { get; private set; }

    /// <summary>Records the acceptance of <paramref name="encodedToken"/>, if it is the token this request presented.</summary>
    public void Accept(string encodedToken, RevocationSubject subject, DateTimeOffset issuedAt, DateTimeOffset expiresAt, SecurityKey? signingKey)
    {
        if (Is(encodedToken))
        {
            Accepted = new(subject, issuedAt, expiresAt, signingKey);
        }
    }
}

/// <summary>What the full pipeline established about an accepted token, and what a cache hit must check again.</summary>
internal sealed record AcceptedToken(RevocationSubject Subject, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, SecurityKey? SigningKey);
