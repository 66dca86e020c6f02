using System.Net;
using AccountApi.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AccountApi.Tests.Configuration;

/// <summary>Bad configuration stops start-up with a message that names the key to fix.</summary>
public sealed class StartupValidationTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    [Theory]
    [InlineData("AzureAd:ClientId", "", "AzureAd:ClientId")]
    [InlineData("AzureAd:ClientId", "my-api", "AzureAd:ClientId")]
    [InlineData("AzureAd:Instance", "http://login.example.com/", "AzureAd:Instance")]
    [InlineData("AzureAd:Instance", "http://10.0.0.5/", "AzureAd:Instance")]
    [InlineData("AzureAd:Instance", "not a url", "AzureAd:Instance")]
    [InlineData("AzureAd:TenantId", "contoso.onmicrosoft.com", "AzureAd:TenantId")]
    [InlineData("AzureAd:Scopes", " ", "AzureAd:Scopes")]
    [InlineData("Tenancies:globex:DisplayName", "Globex", "Tenancies:globex:DirectoryIds")]
    [InlineData("Tenancies:globex:DirectoryIds:0", "not-a-guid", "Tenancies:globex:DirectoryIds:0")]
    [InlineData("Tenancies:globex:DirectoryIds:0", "00000000-0000-0000-0000-000000000000", "Tenancies:globex:DirectoryIds:0")]
    [InlineData("Tenancies:glo_bex:DirectoryIds:0", "c0c0c0c0-0000-4000-8000-000000000001", "Tenancies:glo_bex")]
    public void Start_WithInvalidSetting_FailsNamingTheKey(string key, string value, string namedKey)
    {
        using var invalid = factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })));

        var failure = Assert.ThrowsAny<Exception>(() => invalid.CreateClient());

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(namedKey, validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5080/dev-idp/")]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://[::1]:5080/")]
    public async Task Start_WithPlainHttpAuthorityOnLoopback_Starts(string instance)
    {
        using var loopback = factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureAd:Instance"] = instance })));

        using var response = await loopback.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
