using AccountApi.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccountApi.Tests.Infrastructure;

/// <summary>
/// The real host through the published test kit (<see cref="AccountApiTestFactory{TEntryPoint}"/>): configured in
/// memory against an in-process <see cref="TestAuthority"/>, so every token goes through the real
/// Microsoft.Identity.Web validation. Adds this suite's tenancies. Vary it per test with <c>WithWebHostBuilder</c>.
/// </summary>
public sealed class AccountApiFactory : AccountApiTestFactory<Program>
{
    public const string ApiClientId = DefaultApiClientId;
    public static readonly Guid ContosoDirectory = TestDirectories.Contoso;
    public static readonly Guid FabrikamDirectory = TestDirectories.Fabrikam;
    public static readonly Guid UnknownDirectory = Guid.Parse("0dd0dd00-0000-4000-8000-000000000009");

    public AccountApiFactory()
        : this(new TestAuthority())
    {
    }

    /// <summary>A host whose authority lives at another address, e.g. a loopback emulator over plain http (internal: xunit fixtures need one public constructor).</summary>
    internal AccountApiFactory(TestAuthority authority)
        : base(authority)
    {
        WithTenancy("contoso", ContosoDirectory).WithTenancy("fabrikam", FabrikamDirectory)
            .WithTenancy("northwind", ContosoDirectory).WithTenancy("partners", ContosoDirectory, FabrikamDirectory);
        Settings["Tenancies:contoso:DisplayName"] = "Contoso Ltd";
        Settings["Tenancies:fabrikam:DisplayName"] = "Fabrikam Inc";
        Settings["Tenancies:northwind:DisplayName"] = "Northwind Traders";
        Settings["Tenancies:northwind:Suspended"] = "true";
    }

    /// <summary>A valid delegated token of Contoso with <c>Account.Read</c>; vary it with <c>with</c>.</summary>
    public static TestAccessToken ContosoUser => new() { DirectoryId = ContosoDirectory, Audience = ApiClientId };

    public static TestAccessToken FabrikamUser => new()
    {
        DirectoryId = FabrikamDirectory,
        Audience = ApiClientId,
        Name = "Bob Brown",
        PreferredUsername = "bob@fabrikam.example",
    };

    /// <summary>A client that sends <paramref name="token"/> (signed by the authority) and <paramref name="tenancy"/>.</summary>
    public HttpClient CreateClient(TestAccessToken? token, string? tenancy) => CreateClient(this, Authority, token, tenancy);

    /// <summary>The same, for a factory derived with <c>WithWebHostBuilder</c>.</summary>
    public static HttpClient CreateClient(WebApplicationFactory<Program> factory, TestAuthority authority, TestAccessToken? token, string? tenancy) =>
        factory.CreateClient(token is null ? null : authority.Sign(token), tenancy);
}
