namespace AccountApi.DevIdentity.Token;

/// <summary>A signed access token, its <c>uti</c> and expiry.</summary>
internal sealed record IssuedAccessToken(string Jwt, string TokenId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
