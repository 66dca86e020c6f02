using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AccountApi.DevIdentity;

/// <summary>
/// Configuration of the development identity provider (section <c>DevIdentity</c>). It emulates Microsoft Entra ID
/// v2.0 for local development and tests and is refused outside the Development environment.
/// </summary>
public sealed class DevIdentityOptions
{
    /// <summary>The configuration section this binds to.</summary>
    public const string SectionName = "DevIdentity";

    private const string MinimumLifetime = "00:00:01";
    private const string MaximumLifetime = "3650.00:00:00";

    /// <summary>
    /// The absolute address the provider is reached at: an https origin such as <c>https://localhost:5443</c> when it
    /// is mapped at the root (the default), with the route prefix as path when it is mapped under one; http only on a
    /// loopback host. Issuers, endpoint URLs and the session cookie's path are built from it, never from the request.
    /// </summary>
    public string PublicBaseAddress { get; set; } = "";

    /// <summary>How long access tokens live. Default one hour.</summary>
    [Range(typeof(TimeSpan), MinimumLifetime, MaximumLifetime, ErrorMessage = SectionName + ":AccessTokenLifetime must be positive, e.g. 01:00:00.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token lives from its issue (each refresh issues a new one). Default one day.</summary>
    [Range(typeof(TimeSpan), MinimumLifetime, MaximumLifetime, ErrorMessage = SectionName + ":RefreshTokenLifetime must be positive, e.g. 1.00:00:00.")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Absolute path of the file that keeps the RSA signing keys (PKCS#8 PEM, current then previous) across restarts. Default is
    /// outside the repository, under the user's local application data folder. Created with mode 0600 on Unix.
    /// </summary>
    public string SigningKeyPath { get; set; } = DefaultSigningKeyPath;

    /// <summary>The protected API: its application id, delegated scopes and application roles.</summary>
    [ValidateObjectMembers]
    public DevIdentityApiOptions Api { get; set; } = new();

    /// <summary>Directories (tenants) by name, each with its users.</summary>
    [MinLength(1, ErrorMessage = SectionName + ":Directories must define at least one directory with users.")]
    public IDictionary<string, DevIdentityDirectoryOptions> Directories { get; } =
        new Dictionary<string, DevIdentityDirectoryOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registered client applications by name.</summary>
    [MinLength(1, ErrorMessage = SectionName + ":Clients must define at least one client application.")]
    public IDictionary<string, DevIdentityClientOptions> Clients { get; } =
        new Dictionary<string, DevIdentityClientOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The default <see cref="SigningKeyPath"/>: <c>{LocalApplicationData}/AccountApi/dev-idp-signing-keys.pem</c>.</summary>
    public static string DefaultSigningKeyPath { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
        "AccountApi",
        "dev-idp-signing-keys.pem");
}
