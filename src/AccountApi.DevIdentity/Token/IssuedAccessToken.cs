namespace AccountApi.DevIdentity.Token;

/// <summary>A signed access token, its <see cref="Entra.AccessTokenDigest"/> (the key it is revoked by) and its lifetime.</summary>
internal sealed record IssuedAccessToken(string Jwt, string Digest, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
