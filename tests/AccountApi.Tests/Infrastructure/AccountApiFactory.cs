using AccountApi.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.Tests.Infrastructure;

/// <summary>
/// The real host, configured in memory against an in-process <see cref="TestAuthority"/>: JwtBearer fetches the
/// discovery document and JWKS through the authority's handler, so every token goes through the real
/// Microsoft.Identity.Web validation. Vary it per test with <c>WithWebHostBuilder</c>.
/// </summary>
public sealed class AccountApiFactory : WebApplicationFactory<Program>
{
    public const string ApiClientId = "11111111-1111-4111-8111-111111111111";
    public static readonly Guid ContosoDirectory = Guid.Parse("c0c0c0c0-0000-4000-8000-000000000001");
    public static readonly Guid FabrikamDirectory = Guid.Parse("fabfab00-0000-4000-8000-000000000002");
    public static readonly Guid UnknownDirectory = Guid.Parse("0dd0dd00-0000-4000-8000-000000000009");

    public AccountApiFactory()
        : this(new TestAuthority())
    {
    }

    /// <summary>A host whose authority lives at another address, e.g. a loopback emulator over plain http (internal: xunit fixtures need one public constructor).</summary>
    internal AccountApiFactory(TestAuthority authority) => Authority = authority;

    public TestAuthority Authority { get; }

    /// <summary>A valid delegated token of Contoso with <c>Account.Read</c>; vary it with <c>with</c>.</summary>
    public static TestAccessToken ContosoUser => new() { DirectoryId = ContosoDirectory, Audience = ApiClientId };

    public static TestAccessToken FabrikamUser => new()
    {
        DirectoryId = FabrikamDirectory,
        Audience = ApiClientId,
        Name = "Bob Brown",
        PreferredUsername = "bob@fabrikam.example",
    };

    public static Dictionary<string, string?> Settings(TestAuthority authority) => new()
    {
        ["AzureAd:Instance"] = authority.Instance,
        ["AzureAd:TenantId"] = "organizations",
        ["AzureAd:ClientId"] = ApiClientId,
        ["AzureAd:Scopes"] = "Account.Read",
        ["Tenancies:contoso:DisplayName"] = "Contoso Ltd",
        ["Tenancies:contoso:DirectoryIds:0"] = ContosoDirectory.ToString(),
        ["Tenancies:fabrikam:DisplayName"] = "Fabrikam Inc",
        ["Tenancies:fabrikam:DirectoryIds:0"] = FabrikamDirectory.ToString(),
        ["Tenancies:northwind:DisplayName"] = "Northwind Traders",
        ["Tenancies:northwind:DirectoryIds:0"] = ContosoDirectory.ToString(),
        ["Tenancies:northwind:Suspended"] = "true",
        ["Tenancies:partners:DirectoryIds:0"] = ContosoDirectory.ToString(),
        ["Tenancies:partners:DirectoryIds:1"] = FabrikamDirectory.ToString(),
    };

    /// <summary>A client that sends <paramref name="token"/> (signed by the authority) and <paramref name="tenancy"/>.</summary>
    public HttpClient CreateClient(TestAccessToken? token, string? tenancy) => CreateClient(this, Authority, token, tenancy);

    /// <summary>The same, for a factory derived with <c>WithWebHostBuilder</c>.</summary>
    public static HttpClient CreateClient(WebApplicationFactory<Program> factory, TestAuthority authority, TestAccessToken? token, string? tenancy) =>
        factory.CreateDefaultClient(new AccountHeadersHandler(token is null ? null : authority.Sign(token), tenancy));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings(Authority)));
        builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.BackchannelHttpHandler = Authority.Handler));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Authority.Dispose();
        }
    }
}
