namespace AccountApi.DevIdentity.Grants;

/// <summary>An access token to report to <see cref="IAccessTokenRevocationSink"/>, by its <see cref="Entra.AccessTokenDigest"/>.</summary>
internal sealed record RevokedAccessToken(string Digest, DateTimeOffset ExpiresAt);
