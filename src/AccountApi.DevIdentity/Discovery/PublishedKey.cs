using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Discovery;

/// <summary>A public signing key in the JWKS (RFC 7517), with Entra's <c>issuer</c> member.</summary>
internal sealed record PublishedKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("n")] string N,
    [property: JsonPropertyName("e")] string E,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("issuer")] string Issuer);
