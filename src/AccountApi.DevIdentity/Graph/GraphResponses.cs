using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Graph;

/// <summary>Graph's answer to an action that returns a Boolean: <c>{"@odata.context": "…#Edm.Boolean", "value": true}</c>.</summary>
internal sealed record RevokeSignInSessionsResponse(
    [property: JsonPropertyName("@odata.context")] string Context,
    [property: JsonPropertyName("value")] bool Value)
{
    public static RevokeSignInSessionsResponse Revoked { get; } = new("https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean", true);
}

/// <summary>Graph's error body: <c>{"error": {"code": "…", "message": "…"}}</c>.</summary>
internal sealed record GraphErrorResponse([property: JsonPropertyName("error")] GraphError Error);

internal sealed record GraphError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
