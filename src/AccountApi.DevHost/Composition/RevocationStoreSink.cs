using AccountApi.Authentication;
using AccountApi.DevIdentity;

namespace AccountApi.DevHost.Composition;

/// <summary>
/// The provider and the API run in one process here and share the API's revocation store: what the provider revokes
/// on a refresh or a reused grant, the API refuses on the next request.
/// </summary>
internal sealed class RevocationStoreSink(ITokenRevocationStore store) : IAccessTokenRevocationSink
{
    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        store.RevokeAsync(tokenId, expiresAt, cancellationToken);
}
