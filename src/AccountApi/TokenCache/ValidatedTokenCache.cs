using System.Collections.Frozen;
using AccountApi.Authentication;
using AccountApi.Revocation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AccountApi.TokenCache;

/// <summary>
/// Tokens the full pipeline accepted, found by their text (<see cref="TokenTable"/>: a seeded non-cryptographic hash
/// and an exact comparison), with a read-only copy of the principal it built. Only acceptances are remembered, so no
/// request can put anything here that the full pipeline would refuse. A hit is served only while everything that can
/// change after validation still holds, checked on every hit: the token's <c>exp</c> plus the clock skew, the
/// revocation store (the token's digest, computed once at validation, and its subject's cut-off), and the signing key
/// still being published in the authority's current metadata (a snapshot, <see cref="PublishedSigningKeys"/>).
/// Otherwise the entry is dropped and the request goes through the full pipeline, which gives the refusal its reason.
/// A hit hashes nothing cryptographically and asks the configuration manager nothing.
/// </summary>
internal sealed class ValidatedTokenCache
{
    private readonly TokenTable _entries;
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
        var budget = settings.MaxMegabytes * 1024L * 1024L;
        Enabled = settings.Enabled;
        _minimumCharge = budget / settings.MaxEntries;
        _maximumCharge = Math.Max(budget / 256, _minimumCharge);
        _entries = new TokenTable(budget, time);
        _admission = new SecondUseAdmission(settings.MaxEntries);
        _revocations = revocations;
        _time = time;
        _logger = logger;
        // Last: it may announce the metadata it finds at once, and DropSignedByOthers reads the fields above.
        _keys = new PublishedSigningKeys(jwtBearer, DropSignedByOthers);
    }

    public bool Enabled { get; }

    /// <summary>Entries held (expired ones included until a compaction or a hit notices them).</summary>
    public int Count => _entries.Count;

    /// <summary>The entry of <paramref name="token"/>, if every check still passes.</summary>
    public CachedToken? Find(ReadOnlySpan<char> token)
    {
        if (!Enabled || _entries.Find(token) is not { } entry)
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
            && _revocations.Find(entry.Digest, entry.Subject, entry.IssuedAt) is null)
        {
            return entry;
        }

        _entries.Remove(entry);
        return null;
    }

    /// <summary>
    /// Remembers a token the full pipeline accepted, with the read-only principal that hits will share, on its second
    /// acceptance (<see cref="SecondUseAdmission"/>), charged by <see cref="TokenCacheCharge"/>.
    /// </summary>
    public void Add(ReadOnlySpan<char> token, string digest, AcceptedToken accepted, ReadOnlyClaimsPrincipal principal, TimeSpan clockSkew)
    {
        var notAfter = accepted.ExpiresAt + clockSkew;
        if (!Enabled || accepted.SigningKey is not { } key || _keys.IdentityOf(key) is not { } keyIdentity || notAfter <= _time.GetUtcNow()
            || !_admission.IsSecondUse(digest))
        {
            return;
        }

        // One entry may take at most 1/256 of the budget: a few huge tokens cannot push every other caller out.
        var charge = Math.Max(TokenCacheCharge.EstimatedBytes(principal, token.Length), _minimumCharge);
        if (charge <= _maximumCharge)
        {
            _entries.TryAdd(token, new CachedToken(principal, notAfter, digest, accepted.Subject, accepted.IssuedAt, keyIdentity, charge));
        }
    }

    // New metadata: tokens signed with a key it no longer lists are dropped now, not left to expire.
    private void DropSignedByOthers(FrozenSet<string> published)
    {
        var dropped = _entries.RemoveWhere(entry => !published.Contains(entry.KeyIdentity));
        if (dropped.Count > 0)
        {
            var withdrawn = dropped.Select(entry => entry.KeyIdentity).Distinct(StringComparer.Ordinal).Count();
            TokenCacheLog.KeysWithdrawn(_logger, withdrawn, dropped.Count);
        }
    }
}
