using AccountApi.Telemetry;
using Microsoft.Extensions.Options;

namespace AccountApi.Revocation;

/// <summary>Process-local revocations: the default for a single instance, with no Redis.</summary>
internal sealed class InMemoryTokenRevocationStore(
    TimeProvider timeProvider, IOptions<RevocationOptions> options, AccountMetrics metrics) : ITokenRevocationStore, IDisposable
{
    private readonly RevocationSet _set = new(timeProvider, options.Value.MaxTokenLifetime);

    /// <summary>Entries held; for tests of the bound.</summary>
    internal int Count => _set.Count;

    public ValueTask RevokeTokenAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _set.AddToken(tokenDigest, expiresAt);
        metrics.Revoked(RevocationKinds.Recorded);
        return ValueTask.CompletedTask;
    }

    public ValueTask RevokeSubjectAsync(RevocationSubject subject, DateTimeOffset issuedBefore, CancellationToken cancellationToken)
    {
        _set.AddCutOff(subject, issuedBefore);
        metrics.Revoked(RevocationKinds.Recorded);
        return ValueTask.CompletedTask;
    }

    public TokenRevocation? Find(string tokenDigest, RevocationSubject subject, DateTimeOffset issuedAt) =>
        _set.Find(tokenDigest, subject, issuedAt);

    public void Dispose() => _set.Dispose();
}
