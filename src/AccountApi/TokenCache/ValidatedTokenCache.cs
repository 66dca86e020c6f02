using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using AccountApi.Authentication;
using AccountApi.Revocation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.TokenCache;

/// <summary>
/// Tokens the full pipeline accepted, keyed by their <c>AccessTokenDigest</c> (the token itself is never kept), with
/// a read-only copy of the principal it built. Only acceptances are remembered, so no request can put anything here
/// that the full pipeline would refuse. A hit is served only while everything that can change after validation still
/// holds, checked on every hit: the token's <c>exp</c> plus the clock skew, the revocation store (the token's digest
/// and its subject's cut-off), and the signing key still being published in the authority's current metadata.
/// Otherwise the entry is dropped and the request goes through the full pipeline, which gives the refusal its reason.
/// </summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    // Slots a bucket of the "accepted once" memory has: eight 64-bit marks, one cache line.
    private const int SeenWays = 8;

    private readonly MemoryCache _entries;
    private readonly long _minimumCharge;
    // Tokens accepted once and not cached yet, by 64 bits of their digest, in buckets of SeenWays slots (no allocation).
    private readonly ulong[] _seenOnce;
    private readonly int _seenBuckets;
    private readonly long _maximumCharge;
    private readonly ITokenRevocationStore _revocations;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<JwtBearerOptions> _jwtBearer;
    private readonly ILogger<ValidatedTokenCache> _logger;

    // Key identities are computed once per key object: the configuration's keys are the objects tokens are validated with.
    private readonly ConditionalWeakTable<SecurityKey, string> _keyIdentities = [];
    private volatile PublishedKeys _published = new(null, FrozenSet<string>.Empty);

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
        _seenBuckets = (settings.MaxEntries + SeenWays - 1) / SeenWays;
        _seenOnce = new ulong[_seenBuckets * SeenWays];
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimit, CompactionPercentage = 0.10 });
        _revocations = revocations;
        _time = time;
        _jwtBearer = jwtBearer;
        _logger = logger;
    }

    public bool Enabled { get; }

    /// <summary>Entries held (expired ones included until the cache notices them).</summary>
    public int Count => _entries.Count;

    /// <summary>The cached principal of the token with <paramref name="digest"/>, if every check still passes.</summary>
    public async ValueTask<ClaimsPrincipal?> FindAsync(string digest, CancellationToken cancellationToken)
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
            && await IsPublishedAsync(entry.KeyIdentity, cancellationToken).ConfigureAwait(false)
            && _revocations.Find(digest, entry.Subject, entry.IssuedAt) is null)
        {
            return entry.Principal;
        }

        _entries.Remove(digest);
        return null;
    }

    /// <summary>
    /// Remembers a token the full pipeline accepted, with the read-only principal that hits will share, on its second
    /// acceptance: a token used once (a client's last request with it, a cycle of fresh tokens) is never kept, so it
    /// costs neither memory nor the garbage collector's work of promoting it and finding it dead later. "Seen" is
    /// forgotten as other new tokens take the slot, about <see cref="TokenCacheOptions.MaxEntries"/> of them later.
    /// </summary>
    public void Add(string digest, AcceptedToken accepted, ReadOnlyClaimsPrincipal principal, TimeSpan clockSkew)
    {
        var notAfter = accepted.ExpiresAt + clockSkew;
        if (!Enabled || accepted.SigningKey is not { } key || IdentityOf(key) is not { } keyIdentity || notAfter <= _time.GetUtcNow()
            || !SeenBefore(digest))
        {
            return;
        }

        // One entry may take at most 1/256 of the budget: a few huge tokens cannot push every other caller out.
        var size = Math.Max(EstimatedBytes(principal), _minimumCharge);
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

    // Published means: in the metadata the full pipeline would validate with now. Asking the configuration manager on
    // every hit is what keeps its automatic refresh running when nearly every request is a hit; it answers from memory,
    // so a hit does not wait, and awaits only while the manager fetches.
    private ValueTask<bool> IsPublishedAsync(string keyIdentity, CancellationToken cancellationToken)
    {
        if (_jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is not { } manager)
        {
            return ValueTask.FromResult(false);
        }

        var configuration = manager.GetConfigurationAsync(cancellationToken);
        return configuration.IsCompletedSuccessfully
            ? ValueTask.FromResult(IsPublished(configuration.Result, keyIdentity))
            : AwaitPublishedAsync(configuration, keyIdentity);
    }

    private async ValueTask<bool> AwaitPublishedAsync(Task<OpenIdConnectConfiguration> pending, string keyIdentity)
    {
        try
        {
            return IsPublished(await pending.ConfigureAwait(false), keyIdentity);
        }
        catch (AuthorityUnavailableException)
        {
            // No metadata at all: the full pipeline answers this request (503 authority_unavailable).
            return false;
        }
    }

    private bool IsPublished(OpenIdConnectConfiguration configuration, string keyIdentity)
    {
        var published = _published;
        if (!ReferenceEquals(published.Configuration, configuration))
        {
            published = Publish(configuration);
        }

        return published.KeyIdentities.Contains(keyIdentity);
    }

    // New metadata: tokens signed with a key it no longer lists are dropped now, not left to expire. The first
    // metadata seen is checked too: entries may have been added before any hit asked for it.
    private PublishedKeys Publish(OpenIdConnectConfiguration configuration)
    {
        var identities = configuration.SigningKeys.Select(IdentityOf).OfType<string>().ToFrozenSet(StringComparer.Ordinal);
        var previous = _published;
        var published = new PublishedKeys(configuration, identities);
        _published = published;
        if (previous.Configuration is not null && previous.KeyIdentities.SetEquals(identities))
        {
            return published;
        }

        var withdrawn = new HashSet<string>(StringComparer.Ordinal);
        var dropped = 0;
        foreach (var digest in _entries.Keys)
        {
            if (_entries.TryGetValue(digest, out CachedToken? entry) && entry is not null && !identities.Contains(entry.KeyIdentity))
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

        return published;
    }

    // Whether the token was accepted before and is still remembered; if not, it is remembered now. A token is looked
    // for in one bucket of SeenWays slots, and its slot is freed when it is admitted. Tokens that share a bucket and
    // are used in turn (as a load tool or a cyclic client does) do not take each other's slot until more than
    // SeenWays of them are in use there at once: with one slot a token, a fixed rotation of two tokens whose slots
    // collided never admitted either. A collision of the 64 bits only admits a token one use early: what is served
    // from the cache is still decided by the whole digest and the checks.
    private bool SeenBefore(string digest)
    {
        Span<byte> prefix = stackalloc byte[12];
        System.Buffers.Text.Base64Url.DecodeFromChars(digest.AsSpan(0, 16), prefix, out _, out _);
        var mark = BitConverter.ToUInt64(prefix) | 1; // never 0, the empty slot
        var bucket = _seenOnce.AsSpan((int)(BitConverter.ToUInt32(prefix[8..]) % (uint)_seenBuckets) * SeenWays, SeenWays);
        var empty = -1;
        for (var way = 0; way < bucket.Length; way++)
        {
            var held = Volatile.Read(ref bucket[way]);
            if (held == mark)
            {
                Volatile.Write(ref bucket[way], 0);
                return true;
            }

            if (held == 0 && empty < 0)
            {
                empty = way;
            }
        }

        // A full bucket gives up a slot chosen by the newcomer's bits: no fixed order of tokens always evicts the same one.
        Volatile.Write(ref bucket[empty >= 0 ? empty : (int)((mark >> 1) % SeenWays)], mark);
        return false;
    }

    // kid and RFC 7638 thumbprint: a key republished under the same kid with other material is another key.
    private string? IdentityOf(SecurityKey key) =>
        _keyIdentities.GetValue(key, static key => key.CanComputeJwkThumbprint()
            ? $"{key.KeyId}:{Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())}"
            : string.Empty) is { Length: > 0 } identity ? identity : null;

    /// <summary>What an entry holds: two bytes a character of its claims, the objects around each claim, and the entry.</summary>
    /// <remarks>
    /// Fitted to what entries really hold, with a margin so that the byte bound holds (TokenCacheMemoryTests): an
    /// ordinary token's entry (15 claims) holds about 4.5 KB and is charged 5.3 KB; with 40 more claims, 9.9 KB and
    /// 11.9 KB. The entry's own share is the cache entry, the digest, the principal and identity with their claim
    /// lists, and the revocation subject.
    /// </remarks>
    internal static long EstimatedBytes(ClaimsPrincipal principal)
    {
        long bytes = 2560;
        foreach (var claim in principal.Claims)
        {
            bytes += 128 + (2L * (claim.Type.Length + claim.Value.Length));
        }

        return bytes;
    }

    private sealed record CachedToken(ClaimsPrincipal Principal, DateTimeOffset NotAfter, RevocationSubject Subject, DateTimeOffset IssuedAt, string KeyIdentity);

    private sealed record PublishedKeys(OpenIdConnectConfiguration? Configuration, FrozenSet<string> KeyIdentities);
}
