using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// The successful token response (RFC 6749 §5.1) with Entra's <c>ext_expires_in</c>, <c>id_token</c> and
/// <c>client_info</c>, and the seed's <c>created_at</c>.
/// </summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("ext_expires_in")] long ExtExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("client_info")] string? ClientInfo,
    [property: JsonPropertyName("created_at")] long CreatedAt)
{
    public static TokenResponse From(
        IssuedAccessToken accessToken, string? refreshToken, string scope, string? idToken = null, string? clientInfo = null)
    {
        var expiresIn = (long)(accessToken.ExpiresAt - accessToken.IssuedAt).TotalSeconds;
        return new(accessToken.Jwt, "Bearer", expiresIn, expiresIn, refreshToken, scope, idToken, clientInfo, accessToken.IssuedAt.ToUnixTimeSeconds());
    }
}
