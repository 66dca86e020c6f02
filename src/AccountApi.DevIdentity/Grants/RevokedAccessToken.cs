namespace AccountApi.DevIdentity.Grants;

/// <summary>An access token to report to <see cref="IAccessTokenRevocationSink"/>.</summary>
internal sealed record RevokedAccessToken(string TokenId, DateTimeOffset ExpiresAt);
