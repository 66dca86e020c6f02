using System.Collections.Concurrent;

namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>Records what the provider reports as revoked.</summary>
internal sealed class RecordingRevocationSink : IAccessTokenRevocationSink
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new();

    public IReadOnlyDictionary<string, DateTimeOffset> Revoked => _revoked;

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _revoked[tokenId] = expiresAt;
        return ValueTask.CompletedTask;
    }
}
