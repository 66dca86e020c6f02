using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;

namespace AccountApi.DevIdentity.Grants;

/// <summary>
/// In-memory refresh tokens (kept by hash) and the grant families they belong to. One lock guards the tokens and
/// every family's state, so a rotation and a reuse cannot interleave.
/// </summary>
internal sealed class RefreshTokenStore(TimeProvider timeProvider, DevIdentityCatalog catalog)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RefreshTokenEntry> _tokens = new(StringComparer.Ordinal);

    /// <summary>
    /// Records an access token in its family and issues a refresh token beside it; null when the family was revoked
    /// meanwhile (then the access token is returned in <paramref name="revoked"/> to be reported).
    /// </summary>
    public string? Issue(GrantFamily family, string accessTokenDigest, DateTimeOffset accessTokenExpiresAt, out RevokedAccessToken? revoked)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (family.Revoked)
            {
                revoked = new RevokedAccessToken(accessTokenDigest, accessTokenExpiresAt);
                return null;
            }

            RemoveExpired(now);
            family.LiveAccessTokens[accessTokenDigest] = accessTokenExpiresAt;
            var token = SecureTokens.Create();
            _tokens.Add(SecureTokens.Hash(token), new RefreshTokenEntry(family, now + catalog.RefreshTokenLifetime, accessTokenDigest));
            revoked = null;
            return token;
        }
    }

    /// <summary>The live entry for <paramref name="token"/>, or null when unknown or expired.</summary>
    public RefreshTokenEntry? Find(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(SecureTokens.Hash(token), out var entry) && timeProvider.GetUtcNow() < entry.ExpiresAt
                ? entry
                : null;
        }
    }

    /// <summary>Marks the token exchanged; false when it already was (a reuse) or its family is revoked.</summary>
    public bool TryReplace(RefreshTokenEntry entry)
    {
        lock (_gate)
        {
            if (entry.Replaced || entry.Family.Revoked)
            {
                return false;
            }

            entry.Replaced = true;
            return true;
        }
    }

    /// <summary>Revokes the family: its refresh tokens stop working; returns its unexpired access tokens to report.</summary>
    public IReadOnlyList<RevokedAccessToken> RevokeFamily(GrantFamily family)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            family.Revoked = true;
            var live = family.LiveAccessTokens.Where(t => t.Value > now).Select(t => new RevokedAccessToken(t.Key, t.Value)).ToList();
            family.LiveAccessTokens.Clear();
            return live;
        }
    }

    /// <summary>Revokes one access token of the family (the one a refresh replaces), if it is still live.</summary>
    public RevokedAccessToken? RevokeAccessToken(GrantFamily family, string accessTokenDigest)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            return family.LiveAccessTokens.Remove(accessTokenDigest, out var expiresAt) && expiresAt > now
                ? new RevokedAccessToken(accessTokenDigest, expiresAt)
                : null;
        }
    }

    /// <summary>
    /// Revokes every grant of <paramref name="user"/> (Graph's revokeSignInSessions): their refresh tokens stop working.
    /// Access tokens already issued stay valid until they expire, as with Entra. Returns the number of grants ended.
    /// </summary>
    public int RevokeUser(DevUser user)
    {
        lock (_gate)
        {
            var families = _tokens.Values.Select(entry => entry.Family).Where(family => family.User == user && !family.Revoked).Distinct().ToList();
            foreach (var family in families)
            {
                family.Revoked = true;
            }

            return families.Count;
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, entry) in _tokens)
        {
            if (now >= entry.ExpiresAt)
            {
                _tokens.Remove(key);
            }
        }
    }
}
