using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using AccountApi.Entra;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Testing;

/// <summary>Tokens an attacker would forge: unsigned, HMAC-keyed with the public key, tampered after signing.</summary>
public static class HostileTokens
{
    /// <summary>The same claims with <c>alg: none</c> and an empty signature.</summary>
    public static string WithAlgorithmNone(string signedToken) =>
        $"{Encode(new { alg = "none", typ = "JWT" })}.{signedToken.Split('.')[1]}.";

    /// <summary>
    /// The same claims signed with HS256, using the authority's public key as the HMAC secret (the classic
    /// algorithm-confusion attack against validators that pick the algorithm from the token).
    /// </summary>
    public static string HmacWithPublicKey(string signedToken, RsaSecurityKey publicKey)
    {
        var header = Encode(new { alg = "HS256", typ = "JWT", kid = publicKey.KeyId });
        var signingInput = $"{header}.{signedToken.Split('.')[1]}";
        var secret = publicKey.Rsa.ExportSubjectPublicKeyInfo();
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>The payload changed after signing (here: a different <c>oid</c>), signature kept.</summary>
    public static string Tampered(string signedToken)
    {
        var parts = signedToken.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        var changed = payload.ToDictionary(pair => pair.Key, pair => (object)pair.Value);
        changed[EntraClaimNames.ObjectId] = Guid.NewGuid().ToString();
        return $"{parts[0]}.{Encode(changed)}.{parts[2]}";
    }

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
}
