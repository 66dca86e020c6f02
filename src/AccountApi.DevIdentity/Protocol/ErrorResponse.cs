using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>An RFC 6749 §5.2 error body with Entra's members: <c>error_codes</c>, <c>timestamp</c>, <c>trace_id</c>, <c>correlation_id</c>.</summary>
internal sealed record ErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description,
    [property: JsonPropertyName("error_codes")] IReadOnlyList<int>? ErrorCodes,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("trace_id")] string TraceId,
    [property: JsonPropertyName("correlation_id")] string CorrelationId);
