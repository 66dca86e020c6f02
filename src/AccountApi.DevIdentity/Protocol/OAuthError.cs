using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>An RFC 6749 §5.2 error body.</summary>
internal sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
