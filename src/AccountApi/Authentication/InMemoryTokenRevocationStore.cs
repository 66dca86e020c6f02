using System.Collections.Concurrent;
using AccountApi.Telemetry;

namespace AccountApi.Authentication;

/// <summary>
/// Process-local revocations. An entry is kept until the token's expiry plus the validator's clock skew: until then
/// JwtBearer would still accept the token, so the revocation must still refuse it.
/// </summary>
internal sealed class InMemoryTokenRevocationStore(TimeProvider timeProvider, AccountMetrics metrics) : ITokenRevocationStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        RemoveExpired();
        _revoked[tokenId] = expiresAt + ConfigureEntraIdJwtBearer.ClockSkew;
        metrics.Revoked(RevocationKinds.Recorded);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        var revoked = _revoked.TryGetValue(tokenId, out var keepUntil) && keepUntil > timeProvider.GetUtcNow();
        if (revoked)
        {
            metrics.Revoked(RevocationKinds.Refused);
        }

        return ValueTask.FromResult(revoked);
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (tokenId, keepUntil) in _revoked)
        {
            if (keepUntil <= now)
            {
                _revoked.TryRemove(tokenId, out _);
            }
        }
    }
}
