namespace AccountApi.Revocation;

/// <summary>
/// Access tokens withdrawn before they expire, in two kinds: one token, by its <c>AccessTokenDigest</c> (never the
/// token itself); and a subject cut-off, every token of a (<c>tid</c>, <c>oid</c>) issued before an instant. The
/// in-memory store serves one instance; a shared store (Redis) implements the same interface.
/// </summary>
public interface ITokenRevocationStore
{
    /// <summary>
    /// Refuses the token from now on. <paramref name="expiresAt"/> is its <c>exp</c>: the entry is forgotten once the
    /// token is refused as expired anyway (after <c>exp</c> plus the validator's clock skew).
    /// </summary>
    /// <exception cref="RevocationUnavailableException">The revocation could not be shared with every instance, or
    /// <see cref="RevocationOptions.MaxEntries"/> are held; retry.</exception>
    ValueTask RevokeTokenAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Refuses every token of <paramref name="subject"/> issued before <paramref name="issuedBefore"/>. The entry is
    /// forgotten once every such token has expired (after the longest token lifetime plus the clock skew).
    /// </summary>
    /// <exception cref="RevocationUnavailableException">The revocation could not be shared with every instance; retry.</exception>
    ValueTask RevokeSubjectAsync(RevocationSubject subject, DateTimeOffset issuedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="Find"/> answers for every revocation made on any instance: false while a shared store has not
    /// been confirmed for longer than <see cref="RevocationOptions.MaxStaleness"/>. No token may be served then.
    /// </summary>
    bool IsCurrent { get; }

    /// <summary>
    /// What revokes this token, or null. Called on every request: answered from memory, never over the network.
    /// </summary>
    /// <param name="tokenDigest">The token's digest.</param>
    /// <param name="subject">The token's directory and object id.</param>
    /// <param name="issuedAt">The token's <c>iat</c>; <see cref="DateTimeOffset.MinValue"/> when it has none.</param>
    TokenRevocation? Find(string tokenDigest, RevocationSubject subject, DateTimeOffset issuedAt);
}
