using System.Collections.Concurrent;

namespace AccountApi.Authentication;

/// <summary>Process-local revocations; entries are dropped once the token would have expired anyway.</summary>
internal sealed class InMemoryTokenRevocationStore(TimeProvider timeProvider) : ITokenRevocationStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        RemoveExpired();
        _revoked[tokenId] = expiresAt;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_revoked.TryGetValue(tokenId, out var expiresAt) && expiresAt > timeProvider.GetUtcNow());

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (tokenId, expiresAt) in _revoked)
        {
            if (expiresAt <= now)
            {
                _revoked.TryRemove(tokenId, out _);
            }
        }
    }
}
