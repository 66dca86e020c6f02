using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Discovery;

/// <summary>The JWKS document: public parts only.</summary>
internal sealed record PublishedKeySet([property: JsonPropertyName("keys")] IReadOnlyList<PublishedKey> Keys);
