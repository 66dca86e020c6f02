using AccountApi.Authentication;
using AccountApi.DevIdentity;

namespace AccountApi.DevelopmentIdentity;

/// <summary>
/// In this process the identity provider and the API share one revocation store: what the provider revokes on a
/// refresh or a reused grant, the API refuses on the next request.
/// </summary>
internal sealed class RevocationStoreSink(ITokenRevocationStore store) : IAccessTokenRevocationSink
{
    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        store.RevokeAsync(tokenId, expiresAt, cancellationToken);
}
