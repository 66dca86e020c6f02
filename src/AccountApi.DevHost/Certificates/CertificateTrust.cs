using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AccountApi.DevHost.Certificates;

/// <summary>
/// What clients need to trust the development certificate, and nothing wider: its public part as PEM (alone, and
/// appended to the system's CA bundle for tools that read one file), and an HTTP handler that trusts exactly it.
/// </summary>
public sealed class CertificateTrust
{
    /// <summary>Debian's and Ubuntu's bundle of trusted roots, when present, so the combined bundle trusts the public web too.</summary>
    private const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";

    private CertificateTrust(X509Certificate2 certificate, string certificatePath, string bundlePath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
        BundlePath = bundlePath;
        // NSS's certutil fails with SEC_ERROR_BAD_DATABASE until the database exists, and -N on an existing one asks
        // for its password: create it only when it is missing.
        Instructions = $$"""
            HTTPS: the ASP.NET Core development certificate ({{certificate.Thumbprint}}), public part in {{certificatePath}}
              .NET, OpenSSL, Python: export SSL_CERT_FILE={{bundlePath}}
              Python requests:       export REQUESTS_CA_BUNDLE={{bundlePath}}
              curl:                  export CURL_CA_BUNDLE={{bundlePath}}
              Node:                  export NODE_EXTRA_CA_CERTS={{certificatePath}}
              Chromium, Firefox:     (package libnss3-tools)
                [ -d ~/.pki/nssdb ] || { mkdir -p ~/.pki/nssdb && certutil -d sql:$HOME/.pki/nssdb -N --empty-password; }
                certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n accountapi-dev -i {{certificatePath}}
              or, for every client at once: dotnet dev-certs https --trust
            """;
    }

    /// <summary>The public part of the development certificate (no private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate alone, as PEM: for <c>NODE_EXTRA_CA_CERTS</c> and Chromium's NSS database.</summary>
    public string CertificatePath { get; }

    /// <summary>The system's trusted roots plus the certificate: for <c>SSL_CERT_FILE</c>, <c>REQUESTS_CA_BUNDLE</c>, <c>CURL_CA_BUNDLE</c>.</summary>
    public string BundlePath { get; }

    /// <summary>How to trust the certificate from common clients on Linux, printed at start.</summary>
    public string Instructions { get; }

    /// <summary>Writes the public part to <paramref name="directory"/> (only when it changed) and returns where.</summary>
    public static CertificateTrust Export(X509Certificate2 certificate, string directory)
    {
        Directory.CreateDirectory(directory);
        var pem = certificate.ExportCertificatePem() + "\n";
        var certificatePath = Path.Combine(directory, "localhost.pem");
        var bundlePath = Path.Combine(directory, "ca-bundle.pem");
        var system = File.Exists(SystemBundle) ? File.ReadAllText(SystemBundle).TrimEnd() + "\n" : "";
        WriteIfChanged(certificatePath, pem);
        WriteIfChanged(bundlePath, system + pem);
        return new CertificateTrust(X509CertificateLoader.LoadCertificate(certificate.RawData), certificatePath, bundlePath);
    }

    /// <summary>
    /// An HTTP handler whose TLS trusts this certificate as its only root (host name still checked), never "any
    /// certificate": the API's metadata back-channel to the provider uses it.
    /// </summary>
    public SocketsHttpHandler CreateHandler()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(Certificate);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        };
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            var temporary = path + ".tmp-" + Environment.ProcessId;
            File.WriteAllText(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
    }
}
