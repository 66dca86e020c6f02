namespace AccountApi.Authentication;

/// <summary>
/// Access tokens withdrawn before they expire, keyed by their unique token id (<c>uti</c>).
/// The in-memory store serves one process; a store shared by several instances (e.g. a cache cluster) implements
/// the same interface.
/// </summary>
public interface ITokenRevocationStore
{
    /// <summary>Refuses the token from now until <paramref name="expiresAt"/>, after which it is refused as expired anyway.</summary>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken);
}
