using AccountApi.Telemetry;
using Microsoft.Extensions.Options;

namespace AccountApi.Revocation;

/// <summary>Process-local revocations: the default for a single instance, with no Redis.</summary>
internal sealed class InMemoryTokenRevocationStore : ITokenRevocationStore, IDisposable
{
    private readonly RevocationSet _set;
    private readonly AccountMetrics _metrics;
    private readonly RevocationBound _bound;

    public InMemoryTokenRevocationStore(
        TimeProvider timeProvider, IOptions<RevocationOptions> options, AccountMetrics metrics, ILogger<InMemoryTokenRevocationStore> logger)
    {
        _set = new RevocationSet(timeProvider, options.Value);
        _metrics = metrics;
        _bound = new RevocationBound(_set, options.Value, logger);
        metrics.ObserveRevocations(() => _set.Count);
    }

    /// <summary>Entries held; for tests of the bound.</summary>
    internal int Count => _set.Count;

    public bool IsCurrent => true;

    public ValueTask RevokeTokenAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _bound.EnsureRoom();
        _set.AddToken(tokenDigest, expiresAt);
        _metrics.Revoked(RevocationKinds.Recorded);
        return ValueTask.CompletedTask;
    }

    public ValueTask RevokeSubjectAsync(RevocationSubject subject, DateTimeOffset issuedBefore, CancellationToken cancellationToken)
    {
        _bound.EnsureRoom();
        _set.AddCutOff(subject, issuedBefore);
        _metrics.Revoked(RevocationKinds.Recorded);
        return ValueTask.CompletedTask;
    }

    public TokenRevocation? Find(string tokenDigest, RevocationSubject subject, DateTimeOffset issuedAt) =>
        _set.Find(tokenDigest, subject, issuedAt);

    public void Dispose() => _set.Dispose();
}
