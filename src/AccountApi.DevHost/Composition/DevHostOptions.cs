namespace AccountApi.DevHost.Composition;

/// <summary>The <c>DevHost</c> section: where the development host serves the API and keeps the certificate's public part.</summary>
public sealed class DevHostOptions
{
    public const string SectionName = "DevHost";

    /// <summary>The API's address, on loopback. Default <c>http://localhost:5080</c>.</summary>
    public string ApiUrl { get; set; } = "http://localhost:5080";

    /// <summary>Where the development certificate's public part is exported for clients to trust.</summary>
    public string CertificateDirectory { get; set; } = DefaultCertificateDirectory;

    /// <summary><c>{LocalApplicationData}/AccountApi/https</c>: <c>~/.local/share/AccountApi/https</c> on Linux.</summary>
    public static string DefaultCertificateDirectory { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AccountApi", "https");
}
