using AccountApi.Authentication;
using AccountApi.Revocation;
using Microsoft.AspNetCore.Authentication;

namespace AccountApi.TokenCache;

/// <summary>
/// A token the full pipeline accepted: the read-only principal hits share, with the authentication result that
/// answers them, and what a hit checks again (expiry with the skew, its digest and subject for the revocation store,
/// the identity of the key that signed it).
/// </summary>
internal sealed class CachedToken(
    ReadOnlyClaimsPrincipal principal, DateTimeOffset notAfter, string digest, RevocationSubject subject, DateTimeOffset issuedAt, string keyIdentity, long charge)
{
    public ReadOnlyClaimsPrincipal Principal { get; } = principal;

    /// <summary>The default scheme's answer for this token, built once and shared by its hits.</summary>
    public SharedAuthenticateResult Result { get; } = new(principal, CachedBearerHandler.SchemeName);

    /// <summary><see cref="Result"/> as the completed task that returns it.</summary>
    public Task<AuthenticateResult> Authenticated => Result.AsTask;

    public DateTimeOffset NotAfter { get; } = notAfter;

    /// <summary>The token's <c>AccessTokenDigest</c>, computed once when it was validated: the revocation key.</summary>
    public string Digest { get; } = digest;

    public RevocationSubject Subject { get; } = subject;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public string KeyIdentity { get; } = keyIdentity;

    /// <summary>The bytes charged against the cache's budget (<see cref="TokenCacheCharge"/>).</summary>
    public long Charge { get; } = charge;

    /// <summary>The token's ASCII text, the table's key: set when the entry is added.</summary>
    internal byte[] Key { get; set; } = [];

    /// <summary>Set by a hit, cleared by a compaction: read-mostly, so a hot entry costs one write per compaction.</summary>
    internal bool Hit { get; set; }
}
