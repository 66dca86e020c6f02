using System.Collections.Concurrent;
using AccountApi.Entra;

namespace AccountApi.Revocation;

/// <summary>
/// The revocations in force, in memory: what every request is checked against. An entry is dropped once the tokens it
/// refuses would be refused as expired anyway, by a sweep every minute; new revocations beyond
/// <see cref="RevocationOptions.MaxEntries"/> are refused by the stores (<see cref="HasRoom"/>), never dropped.
/// </summary>
internal sealed class RevocationSet : IDisposable
{
    private static readonly TimeSpan s_sweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RevocationSubject, CutOff> _cutOffs = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxTokenLifetime;
    private readonly int _maxEntries;
    private readonly ITimer _sweep;

    public RevocationSet(TimeProvider timeProvider, RevocationOptions options)
    {
        _timeProvider = timeProvider;
        _maxTokenLifetime = options.MaxTokenLifetime;
        _maxEntries = options.MaxEntries;
        _sweep = timeProvider.CreateTimer(_ => RemoveExpired(), null, s_sweepInterval, s_sweepInterval);
    }

    /// <summary>Single-token and cut-off entries held. Takes every lock of both maps: not for the request path.</summary>
    public int Count => _tokens.Count + _cutOffs.Count;

    /// <summary>Another revocation may be recorded: fewer than <see cref="RevocationOptions.MaxEntries"/> are held.</summary>
    public bool HasRoom => Count < _maxEntries;

    /// <summary>At least 80% of <see cref="RevocationOptions.MaxEntries"/> is held: time to warn an operator.</summary>
    public bool IsNearlyFull => Count >= _maxEntries / 5 * 4;

    /// <summary>
    /// An instant a real revocation can carry: a token's <c>exp</c> or a cut-off within the longest token lifetime
    /// (plus the skew) of now. Anything else read from a shared store is corrupt or hostile, and arithmetic on it could
    /// overflow (<c>exp</c> 9999-12-31 plus the skew).
    /// </summary>
    public bool IsPlausible(DateTimeOffset instant)
    {
        var now = _timeProvider.GetUtcNow();
        var horizon = _maxTokenLifetime + TokenClock.Skew;
        return instant >= now - horizon && instant <= now + horizon;
    }

    /// <summary>Until JwtBearer would refuse the token as expired (its <c>exp</c> plus the clock skew).</summary>
    public static DateTimeOffset KeepTokenUntil(DateTimeOffset expiresAt) => SaturatingAdd(expiresAt, TokenClock.Skew);

    /// <summary>Until every token issued before the cut-off has expired.</summary>
    public DateTimeOffset KeepCutOffUntil(DateTimeOffset issuedBefore) =>
        SaturatingAdd(issuedBefore, _maxTokenLifetime + TokenClock.Skew);

    // A validated token's exp is the signer's word; one far in the future keeps its entry as long as it could be used.
    private static DateTimeOffset SaturatingAdd(DateTimeOffset instant, TimeSpan span) =>
        instant > DateTimeOffset.MaxValue - span ? DateTimeOffset.MaxValue : instant + span;

    public void AddToken(string tokenDigest, DateTimeOffset expiresAt)
    {
        var keepUntil = KeepTokenUntil(expiresAt);
        _tokens.AddOrUpdate(tokenDigest, keepUntil, (_, kept) => kept > keepUntil ? kept : keepUntil);
    }

    /// <summary>A later cut-off replaces an earlier one of the same subject (it refuses more); an earlier one changes nothing.</summary>
    public void AddCutOff(RevocationSubject subject, DateTimeOffset issuedBefore)
    {
        var cutOff = new CutOff(issuedBefore, KeepCutOffUntil(issuedBefore));
        _cutOffs.AddOrUpdate(subject, cutOff, (_, kept) => kept.IssuedBefore >= issuedBefore ? kept : cutOff);
    }

    // The cut-off is looked up first: when both apply, it is the one a client can recover from (a claims challenge).
    public TokenRevocation? Find(string tokenDigest, RevocationSubject subject, DateTimeOffset issuedAt)
    {
        var now = _timeProvider.GetUtcNow();
        if (_cutOffs.TryGetValue(subject, out var cutOff) && cutOff.KeepUntil > now && issuedAt < cutOff.IssuedBefore)
        {
            return new TokenRevocation(TokenRevocationKind.Subject, cutOff.IssuedBefore);
        }

        return _tokens.TryGetValue(tokenDigest, out var keepUntil) && keepUntil > now
            ? new TokenRevocation(TokenRevocationKind.Token)
            : null;
    }

    /// <summary>Every live entry, to write back to a shared store that lost them.</summary>
    public IEnumerable<RevocationMessage> Entries()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (digest, keepUntil) in _tokens)
        {
            if (keepUntil > now)
            {
                yield return RevocationMessage.ForToken(digest, keepUntil - TokenClock.Skew);
            }
        }

        foreach (var (subject, cutOff) in _cutOffs)
        {
            if (cutOff.KeepUntil > now)
            {
                yield return RevocationMessage.ForSubject(subject, cutOff.IssuedBefore);
            }
        }
    }

    public void RemoveExpired()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (digest, keepUntil) in _tokens)
        {
            if (keepUntil <= now)
            {
                _tokens.TryRemove(new KeyValuePair<string, DateTimeOffset>(digest, keepUntil));
            }
        }

        foreach (var (subject, cutOff) in _cutOffs)
        {
            if (cutOff.KeepUntil <= now)
            {
                _cutOffs.TryRemove(new KeyValuePair<RevocationSubject, CutOff>(subject, cutOff));
            }
        }
    }

    public void Dispose() => _sweep.Dispose();

    private readonly record struct CutOff(DateTimeOffset IssuedBefore, DateTimeOffset KeepUntil);
}
