using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Signing;

/// <summary>One RSA signing key: its <c>kid</c> (the RFC 7638 JWK thumbprint), the key to sign with and its public JWK.</summary>
internal sealed class SigningKey
{
    private readonly RSAParameters _parameters;

    private SigningKey(RSAParameters parameters)
    {
        _parameters = parameters;
        KeyId = Base64UrlEncoder.Encode(PublicJwk().ComputeJwkThumbprint());
        SecurityKey = new RsaSecurityKey(parameters) { KeyId = KeyId };
    }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    public static SigningKey Create()
    {
        using var rsa = RSA.Create(2048);
        return new SigningKey(rsa.ExportParameters(includePrivateParameters: true));
    }

    /// <summary>Reads one PKCS#8 <c>PRIVATE KEY</c> PEM block; throws when it is not an RSA private key.</summary>
    public static SigningKey FromPem(ReadOnlySpan<char> pem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new SigningKey(rsa.ExportParameters(includePrivateParameters: true));
    }

    public string ToPem()
    {
        using var rsa = RSA.Create(_parameters);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The public key as the JWKS publishes it, with Entra's <c>issuer</c> member when one is given.</summary>
    public JsonWebKey PublicJwk(string? issuer = null)
    {
        // Converted from the public parts only: the converter copies private parts when the key has them.
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(
            new RsaSecurityKey(new RSAParameters { Modulus = _parameters.Modulus, Exponent = _parameters.Exponent }));
        jwk.Kid = KeyId;
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        if (issuer is not null)
        {
            jwk.AdditionalData["issuer"] = issuer;
        }

        return jwk;
    }
}
