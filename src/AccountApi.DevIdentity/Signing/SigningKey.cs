using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Signing;

/// <summary>One RSA signing key: its <c>kid</c>, the private key to sign with and the public parts to publish.</summary>
internal sealed class SigningKey
{
    private SigningKey(RSAParameters parameters, DateTimeOffset createdAt)
    {
        Modulus = Base64UrlEncoder.Encode(parameters.Modulus);
        Exponent = Base64UrlEncoder.Encode(parameters.Exponent);
        KeyId = ComputeThumbprint(Modulus, Exponent);
        CreatedAt = createdAt;
        SecurityKey = new RsaSecurityKey(parameters) { KeyId = KeyId };
        Stored = new StoredSigningKey(
            "RSA", KeyId, "sig", SecurityAlgorithms.RsaSha256, Modulus, Exponent,
            Base64UrlEncoder.Encode(parameters.D), Base64UrlEncoder.Encode(parameters.P), Base64UrlEncoder.Encode(parameters.Q),
            Base64UrlEncoder.Encode(parameters.DP), Base64UrlEncoder.Encode(parameters.DQ), Base64UrlEncoder.Encode(parameters.InverseQ),
            createdAt.ToUnixTimeSeconds());
    }

    /// <summary>The RFC 7638 JWK thumbprint of the public key.</summary>
    public string KeyId { get; }

    public string Modulus { get; }

    public string Exponent { get; }

    public DateTimeOffset CreatedAt { get; }

    public RsaSecurityKey SecurityKey { get; }

    public StoredSigningKey Stored { get; }

    public static SigningKey Create(DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        return new SigningKey(rsa.ExportParameters(includePrivateParameters: true), now);
    }

    public static SigningKey FromStored(StoredSigningKey stored)
    {
        if (stored.Kty != "RSA")
        {
            throw new FormatException($"key '{stored.Kid}' is of type '{stored.Kty}', not RSA");
        }

        var parameters = new RSAParameters
        {
            Modulus = Base64UrlEncoder.DecodeBytes(stored.N),
            Exponent = Base64UrlEncoder.DecodeBytes(stored.E),
            D = Base64UrlEncoder.DecodeBytes(stored.D),
            P = Base64UrlEncoder.DecodeBytes(stored.P),
            Q = Base64UrlEncoder.DecodeBytes(stored.Q),
            DP = Base64UrlEncoder.DecodeBytes(stored.DP),
            DQ = Base64UrlEncoder.DecodeBytes(stored.DQ),
            InverseQ = Base64UrlEncoder.DecodeBytes(stored.QI),
        };

        // Importing proves the parts belong together before the key is used to sign anything.
        using (var rsa = RSA.Create())
        {
            rsa.ImportParameters(parameters);
        }

        return new SigningKey(parameters, DateTimeOffset.FromUnixTimeSeconds(stored.CreatedAt));
    }

    private static string ComputeThumbprint(string modulus, string exponent)
    {
        var canonical = $$"""{"e":"{{exponent}}","kty":"RSA","n":"{{modulus}}"}""";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
