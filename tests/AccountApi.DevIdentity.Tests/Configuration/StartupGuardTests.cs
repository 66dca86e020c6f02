using AccountApi.DevIdentity.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AccountApi.DevIdentity.Tests.Configuration;

public sealed class StartupGuardTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void AddDevIdentityProvider_OutsideDevelopment_ThrowsNamingTheEnvironmentAndTheFix(string environment)
    {
        var builder = DevIdentityTestHost.CreateBuilder(DevData.Settings("/tmp/unused.json"), environment);

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddDevIdentityProvider());

        Assert.Contains($"'{environment}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Development", error.Message, StringComparison.Ordinal);
        Assert.Null(builder.Services.FirstOrDefault(service => service.ServiceType == typeof(IDevSigningKeys)));
    }

    [Theory]
    [InlineData("DevIdentity:Clients:account-cli:RedirectUris:0", "not a uri", "DevIdentity:Clients:account-cli:RedirectUris")]
    [InlineData("DevIdentity:Clients:account-cli:ClientSecret", "", "DevIdentity:Clients:account-cli:ClientSecret")]
    [InlineData("DevIdentity:Api:ClientId", "api", "DevIdentity:Api:ClientId")]
    [InlineData("DevIdentity:PublicBaseAddress", "localhost/dev-idp", "DevIdentity:PublicBaseAddress")]
    [InlineData("DevIdentity:PublicBaseAddress", "http://idp.example", "DevIdentity:PublicBaseAddress")]
    [InlineData("DevIdentity:PublicBaseAddress", "https://localhost:5443/?x=1", "DevIdentity:PublicBaseAddress")]
    [InlineData("DevIdentity:SigningKeyPath", "relative/keys.json", "DevIdentity:SigningKeyPath")]
    [InlineData("DevIdentity:Directories:Fabrikam:TenantId", TestDirectories.ContosoId, "DevIdentity:Directories:Fabrikam:TenantId")]
    [InlineData("DevIdentity:Clients:account-daemon:AppRoles:0", "Account.Write.All", "DevIdentity:Clients:account-daemon:AppRoles")]
    [InlineData("DevIdentity:AccessTokenLifetime", "-00:01:00", "DevIdentity:AccessTokenLifetime")]
    [InlineData("DevIdentity:Clients:account-api-graph:GraphRoles:0", "User.ReadWrite.All", "DevIdentity:Clients:account-api-graph:GraphRoles")]
    [InlineData("DevIdentity:Clients:account-cli:GraphRoles:0", "User.RevokeSessions.All", "DevIdentity:Clients:account-cli:GraphRoles")]
    public async Task Start_WithInvalidOptions_FailsNamingTheKey(string key, string value, string expectedKeyInMessage)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => DevIdentityTestHost.StartAsync(settings => settings[key] = value));

        Assert.Contains(expectedKeyInMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutRevocationSink_FailsNamingTheInterface()
    {
        var folder = TempFolder.Create();
        try
        {
            var builder = DevIdentityTestHost.CreateBuilder(DevData.Settings(Path.Combine(folder, "keys.json")));
            builder.AddDevIdentityProvider();
            await using var app = builder.Build();

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

            Assert.Contains(nameof(IAccessTokenRevocationSink), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task Start_WithCorruptKeyFile_FailsNamingThePathAndTheFix()
    {
        var folder = TempFolder.Create();
        try
        {
            var path = Path.Combine(folder, "keys.json");
            await File.WriteAllTextAsync(path, "{ not json");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevIdentityTestHost.StartAsync(signingKeyPath: path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("Delete it", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }
}
