using AccountApi.DevIdentity.Protocol;

namespace AccountApi.DevIdentity.Grants;

/// <summary>
/// In-memory authorization codes, keyed by their hash. A code is single-use and lives five minutes: the first
/// presentation by an authenticated client spends it, whether it succeeds or not (RFC 6749 §10.5, OAuth 2.1 §4.1.3).
/// A redeemed code is remembered (with the grant it created) so that a second use can revoke that grant (§4.1.2).
/// </summary>
internal sealed class AuthorizationCodeStore(TimeProvider timeProvider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // A redeemed or spent code is kept this long after it expired, so a later use is still told apart from an unknown code in that window.
    private static readonly TimeSpan s_reuseWindow = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _codes = new(StringComparer.Ordinal);

    /// <summary>Stores a grant and returns its code (256 random bits).</summary>
    public string Issue(Func<DateTimeOffset, AuthorizationCodeGrant> createGrant)
    {
        var code = SecureTokens.Create();
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            RemoveStale(now);
            _codes.Add(SecureTokens.Hash(code), new Entry(createGrant(now + Lifetime)));
        }

        return code;
    }

    /// <summary>
    /// Redeems a code if <paramref name="check"/> accepts the request. A failed check spends the code: a code presented
    /// by the wrong client or with the wrong PKCE verifier may have been intercepted, so the legitimate client's later
    /// attempt is refused too and it signs in again. A reuse reports the grant the first use created.
    /// </summary>
    public CodeRedemption Redeem(string code, Func<AuthorizationCodeGrant, OAuthError?> check)
    {
        var key = SecureTokens.Hash(code);
        lock (_gate)
        {
            if (!_codes.TryGetValue(key, out var entry))
            {
                return new CodeRedemption(CodeRedemptionStatus.Unknown);
            }

            if (entry.Family is not null)
            {
                return new CodeRedemption(CodeRedemptionStatus.Reused, entry.Grant, entry.Family);
            }

            if (entry.Spent)
            {
                return new CodeRedemption(CodeRedemptionStatus.Spent, entry.Grant);
            }

            if (timeProvider.GetUtcNow() >= entry.Grant.ExpiresAt)
            {
                _codes.Remove(key);
                return new CodeRedemption(CodeRedemptionStatus.Expired, entry.Grant);
            }

            if (check(entry.Grant) is { } error)
            {
                entry.Spent = true;
                return new CodeRedemption(CodeRedemptionStatus.Refused, entry.Grant, Error: error);
            }

            var grant = entry.Grant;
            entry.Family = new GrantFamily(grant.Client, grant.User, grant.Scopes, grant.RedirectUri);
            return new CodeRedemption(CodeRedemptionStatus.Redeemed, grant, entry.Family);
        }
    }

    private void RemoveStale(DateTimeOffset now)
    {
        foreach (var (key, entry) in _codes)
        {
            var keepUntil = entry.Family is null && !entry.Spent ? entry.Grant.ExpiresAt : entry.Grant.ExpiresAt + s_reuseWindow;
            if (now >= keepUntil)
            {
                _codes.Remove(key);
            }
        }
    }

    private sealed class Entry(AuthorizationCodeGrant grant)
    {
        public AuthorizationCodeGrant Grant { get; } = grant;

        public GrantFamily? Family { get; set; }

        /// <summary>Set by a failed redemption: the code can no longer be redeemed (nothing was issued from it).</summary>
        public bool Spent { get; set; }
    }
}
