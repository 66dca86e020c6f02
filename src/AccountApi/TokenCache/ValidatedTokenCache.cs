using System.Collections.Frozen;
using System.Security.Claims;
using AccountApi.Authentication;
using AccountApi.Revocation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AccountApi.TokenCache;

/// <summary>
/// Tokens the full pipeline accepted, keyed by their <c>AccessTokenDigest</c> (the token itself is never kept), with
/// a read-only copy of the principal it built. Only acceptances are remembered, so no request can put anything here
/// that the full pipeline would refuse. A hit is served only while everything that can change after validation still
/// holds, checked on every hit: the token's <c>exp</c> plus the clock skew, the revocation store (the token's digest
/// and its subject's cut-off), and the signing key still being published in the authority's current metadata (a
/// snapshot, <see cref="PublishedSigningKeys"/>: a hit asks the configuration manager nothing).
/// Otherwise the entry is dropped and the request goes through the full pipeline, which gives the refusal its reason.
/// </summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly long _minimumCharge;
    private readonly long _maximumCharge;
    private readonly SecondUseAdmission _admission;
    private readonly PublishedSigningKeys _keys;
    private readonly ITokenRevocationStore _revocations;
    private readonly TimeProvider _time;
    private readonly ILogger<ValidatedTokenCache> _logger;

    public ValidatedTokenCache(
        IOptions<TokenCacheOptions> options,
        ITokenRevocationStore revocations,
        TimeProvider time,
        IOptionsMonitor<JwtBearerOptions> jwtBearer,
        ILogger<ValidatedTokenCache> logger)
    {
        var settings = options.Value;
        var sizeLimit = settings.MaxMegabytes * 1024L * 1024L;
        Enabled = settings.Enabled;
        _minimumCharge = sizeLimit / settings.MaxEntries;
        _maximumCharge = Math.Max(sizeLimit / 256, _minimumCharge);
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimit, CompactionPercentage = 0.10 });
        _admission = new SecondUseAdmission(settings.MaxEntries);
        _revocations = revocations;
        _time = time;
        _logger = logger;
        // Last: it may announce the metadata it finds at once, and DropSignedByOthers reads the fields above.
        _keys = new PublishedSigningKeys(jwtBearer, DropSignedByOthers);
    }

    public bool Enabled { get; }

    /// <summary>Entries held (expired ones included until the cache notices them).</summary>
    public int Count => _entries.Count;

    /// <summary>The cached principal of the token with <paramref name="digest"/>, if every check still passes.</summary>
    public ClaimsPrincipal? Find(string digest)
    {
        if (!Enabled || !_entries.TryGetValue(digest, out CachedToken? entry) || entry is null)
        {
            return null;
        }

        // The full pipeline answers 503 while revocations may be missing; the entry stays for when they are current again.
        if (!_revocations.IsCurrent)
        {
            return null;
        }

        if (_time.GetUtcNow() < entry.NotAfter
            && _keys.IsPublished(entry.KeyIdentity)
            && _revocations.Find(digest, entry.Subject, entry.IssuedAt) is null)
        {
            return entry.Principal;
        }

        _entries.Remove(digest);
        return null;
    }

    /// <summary>
    /// Remembers a token the full pipeline accepted, with the read-only principal that hits will share, on its second
    /// acceptance (<see cref="SecondUseAdmission"/>), charged by <see cref="TokenCacheCharge"/>.
    /// </summary>
    public void Add(string digest, AcceptedToken accepted, ReadOnlyClaimsPrincipal principal, TimeSpan clockSkew)
    {
        var notAfter = accepted.ExpiresAt + clockSkew;
        if (!Enabled || accepted.SigningKey is not { } key || _keys.IdentityOf(key) is not { } keyIdentity || notAfter <= _time.GetUtcNow()
            || !_admission.IsSecondUse(digest))
        {
            return;
        }

        // One entry may take at most 1/256 of the budget: a few huge tokens cannot push every other caller out.
        var size = Math.Max(TokenCacheCharge.EstimatedBytes(principal), _minimumCharge);
        if (size > _maximumCharge)
        {
            return;
        }

        using var entry = _entries.CreateEntry(digest);
        entry.Value = new CachedToken(principal, notAfter, accepted.Subject, accepted.IssuedAt, keyIdentity);
        entry.Size = size;
        // The cache's own clock only reclaims memory; the hit check above decides with the service's clock.
        entry.AbsoluteExpiration = notAfter;
    }

    public void Dispose() => _entries.Dispose();

    // New metadata: tokens signed with a key it no longer lists are dropped now, not left to expire.
    private void DropSignedByOthers(FrozenSet<string> published)
    {
        var withdrawn = new HashSet<string>(StringComparer.Ordinal);
        var dropped = 0;
        foreach (var digest in _entries.Keys)
        {
            if (_entries.TryGetValue(digest, out CachedToken? entry) && entry is not null && !published.Contains(entry.KeyIdentity))
            {
                _entries.Remove(digest);
                withdrawn.Add(entry.KeyIdentity);
                dropped++;
            }
        }

        if (dropped > 0)
        {
            TokenCacheLog.KeysWithdrawn(_logger, withdrawn.Count, dropped);
        }
    }

    private sealed record CachedToken(ClaimsPrincipal Principal, DateTimeOffset NotAfter, RevocationSubject Subject, DateTimeOffset IssuedAt, string KeyIdentity);
}
