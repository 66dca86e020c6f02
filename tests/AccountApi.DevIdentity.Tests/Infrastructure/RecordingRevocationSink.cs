using System.Collections.Concurrent;

namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>Records what the provider reports as revoked: token digests and expiries.</summary>
internal sealed class RecordingRevocationSink : IAccessTokenRevocationSink
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new();

    public IReadOnlyDictionary<string, DateTimeOffset> Revoked => _revoked;

    public ValueTask RevokeAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _revoked[tokenDigest] = expiresAt;
        return ValueTask.CompletedTask;
    }
}
