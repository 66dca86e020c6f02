using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Signing;

/// <summary>The key file's content: the current key first, then the previous one.</summary>
internal sealed record StoredSigningKeySet([property: JsonPropertyName("keys")] IReadOnlyList<StoredSigningKey> Keys);
