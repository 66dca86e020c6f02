using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Signing;

/// <summary>An RSA key as kept in the key file: a private JWK (RFC 7517/7518) plus its creation time.</summary>
internal sealed record StoredSigningKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("n")] string N,
    [property: JsonPropertyName("e")] string E,
    [property: JsonPropertyName("d")] string D,
    [property: JsonPropertyName("p")] string P,
    [property: JsonPropertyName("q")] string Q,
    [property: JsonPropertyName("dp")] string DP,
    [property: JsonPropertyName("dq")] string DQ,
    [property: JsonPropertyName("qi")] string QI,
    [property: JsonPropertyName("created_at")] long CreatedAt);
