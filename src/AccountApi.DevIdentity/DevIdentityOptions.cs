namespace AccountApi.DevIdentity;

/// <summary>
/// Configuration of the development identity provider (section <c>DevIdentity</c>). It emulates Microsoft Entra ID
/// v2.0 for local development and tests and is refused outside the Development environment.
/// </summary>
public sealed class DevIdentityOptions
{
    /// <summary>The configuration section this binds to.</summary>
    public const string SectionName = "DevIdentity";

    /// <summary>Switches the provider on. Allowed only when the environment is Development.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The absolute address the provider is reached at: an https origin such as <c>https://localhost:5443</c> when it
    /// is mapped at the root (the default), with the route prefix as path when it is mapped under one; http only on a
    /// loopback host. Issuers, endpoint URLs and the session cookie's path are built from it, never from the request.
    /// </summary>
    public string PublicBaseAddress { get; set; } = "";

    /// <summary>How long access tokens live. Default one hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token lives from its issue (each refresh issues a new one). Default one day.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Absolute path of the file that keeps the RSA signing keys (JWK, private form) across restarts. Default is
    /// outside the repository, under the user's local application data folder. Created with mode 0600 on Unix.
    /// </summary>
    public string SigningKeyPath { get; set; } = DefaultSigningKeyPath;

    /// <summary>The protected API: its application id, delegated scopes and application roles.</summary>
    public DevIdentityApiOptions Api { get; set; } = new();

    /// <summary>Directories (tenants) by name, each with its users.</summary>
    public IDictionary<string, DevIdentityDirectoryOptions> Directories { get; } =
        new Dictionary<string, DevIdentityDirectoryOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registered client applications by name.</summary>
    public IDictionary<string, DevIdentityClientOptions> Clients { get; } =
        new Dictionary<string, DevIdentityClientOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The default <see cref="SigningKeyPath"/>: <c>{LocalApplicationData}/AccountApi/dev-idp-signing-keys.json</c>.</summary>
    public static string DefaultSigningKeyPath { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
        "AccountApi",
        "dev-idp-signing-keys.json");
}
