using AccountApi.DevIdentity;
using AccountApi.Revocation;

namespace AccountApi.DevHost.Composition;

/// <summary>
/// The provider and the API run in one process here and share the API's revocation store: what the provider revokes
/// on a refresh or a reused grant (by the token's digest), the API refuses on the next request.
/// </summary>
internal sealed class RevocationStoreSink(ITokenRevocationStore store) : IAccessTokenRevocationSink
{
    public async ValueTask RevokeAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await store.RevokeTokenAsync(tokenDigest, expiresAt, cancellationToken);
        }
        catch (RevocationUnavailableException)
        {
            // With Revocation:Redis set and Redis down, this host's API already enforces the revocation and writes it back
            // to Redis when it returns; failing the provider's refresh as well would help no one.
        }
    }
}
