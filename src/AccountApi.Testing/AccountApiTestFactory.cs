using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace AccountApi.Testing;

/// <summary>
/// The host of <typeparamref name="TEntryPoint"/> (AccountApi's <c>Program</c>, or a service that embeds the API),
/// configured in memory against its own <see cref="Authority"/>: no network, no identity provider process. Add
/// tenancies with <see cref="WithTenancy"/> and mint tokens with <see cref="UserToken"/> and <see cref="AppToken"/>.
/// </summary>
/// <remarks>
/// Each host (one per <c>WithWebHostBuilder</c> too) keeps its tenancy registry in a SQLite file of its own under a
/// temporary folder removed on dispose, seeded from <see cref="Settings"/>; set <c>TenancyRegistry:Sqlite</c> to share
/// one between hosts.
/// </remarks>
public class AccountApiTestFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    /// <summary>The API's application id the host is configured with (<c>AzureAd:ClientId</c>) and tokens are issued for.</summary>
    public const string DefaultApiClientId = "11111111-1111-4111-8111-111111111111";

    public AccountApiTestFactory()
        : this(new TestAuthority())
    {
    }

    /// <summary>A host whose authority lives at another address (protected: xunit fixtures need one public constructor).</summary>
    protected AccountApiTestFactory(TestAuthority authority)
    {
        Authority = authority;
        Settings = new Dictionary<string, string?>
        {
            ["AzureAd:TenantId"] = "organizations",
            ["AzureAd:ClientId"] = DefaultApiClientId,
            ["AzureAd:Scopes"] = "Account.Read",
        };
    }

    public TestAuthority Authority { get; }

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "accountapi-testing", Guid.NewGuid().ToString("N"));

    /// <summary>The host's configuration, added in memory over its appsettings; change it before the first client is created.</summary>
    public IDictionary<string, string?> Settings { get; }

    /// <summary>The environment the host runs in; <c>Testing</c> by default.</summary>
    public string Environment { get; set; } = "Testing";

    /// <summary>Configures a tenancy admitting <paramref name="directoryIds"/>; returns this factory.</summary>
    public AccountApiTestFactory<TEntryPoint> WithTenancy(string name, params Guid[] directoryIds)
    {
        ArgumentNullException.ThrowIfNull(directoryIds);
        for (var i = 0; i < directoryIds.Length; i++)
        {
            Settings[$"Tenancies:{name}:DirectoryIds:{i}"] = directoryIds[i].ToString();
        }

        return this;
    }

    /// <summary>A valid delegated token of <paramref name="directoryId"/> with <c>Account.Read</c>, for this API.</summary>
    public TestTokenBuilder UserToken(Guid directoryId) => Authority.UserToken(directoryId, Settings["AzureAd:ClientId"]!);

    /// <summary>An application-only token of <paramref name="directoryId"/> with app <paramref name="roles"/>, for this API.</summary>
    public TestTokenBuilder AppToken(Guid directoryId, params string[] roles) => Authority.AppToken(directoryId, Settings["AzureAd:ClientId"]!, roles);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        // A host setting, so that a test's own UseSetting (or Settings) names another file.
        builder.UseSetting("TenancyRegistry:Sqlite", Path.Combine(_dataFolder, $"{Guid.NewGuid():N}.db"));
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.UseTestAuthority(Authority);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Authority.Dispose();
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
                // A host still closing its file: the folder is in the system's temporary directory anyway.
            }
        }
    }
}
