namespace AccountApi.DevIdentity.Grants;

/// <summary>A stored refresh token (by hash): its family, expiry and the access token issued with it.</summary>
internal sealed class RefreshTokenEntry(GrantFamily family, DateTimeOffset expiresAt, string accessTokenDigest)
{
    public GrantFamily Family { get; } = family;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public string AccessTokenDigest { get; } = accessTokenDigest;

    /// <summary>Set once the token has been exchanged; presenting it again is a reuse.</summary>
    public bool Replaced { get; set; }
}
