using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Token;

/// <summary>The successful token response (RFC 6749 §5.1) with the seed's <c>created_at</c>.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("created_at")] long CreatedAt)
{
    public static TokenResponse From(IssuedAccessToken accessToken, string? refreshToken, string scope) => new(
        accessToken.Jwt,
        "Bearer",
        (long)(accessToken.ExpiresAt - accessToken.IssuedAt).TotalSeconds,
        refreshToken,
        scope,
        accessToken.IssuedAt.ToUnixTimeSeconds());
}
