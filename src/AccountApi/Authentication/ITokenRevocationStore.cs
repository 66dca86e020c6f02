namespace AccountApi.Authentication;

/// <summary>
/// Access tokens withdrawn before they expire, keyed by their unique token id (<c>uti</c>).
/// The in-memory store serves one process; a store shared by several instances (e.g. a cache cluster) implements
/// the same interface.
/// </summary>
public interface ITokenRevocationStore
{
    /// <summary>
    /// Refuses the token from now on. <paramref name="expiresAt"/> is its <c>exp</c>: a store may forget the entry once
    /// the token is refused as expired anyway (after <c>exp</c> plus the validator's clock skew).
    /// </summary>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken);
}
