using System.Text.Json;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace AccountApi.Tests.DevelopmentIdentity;

/// <summary>The development identity provider can never run outside Development.</summary>
public sealed class ProductionGuardTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void Start_WithDevIdentityEnabledOutsideDevelopment_FailsSayingWhy(string environment)
    {
        using var factory = new AccountApiFactory();
        using var host = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration((_, configuration) =>
                configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DevIdentity:Enabled"] = "true" }));
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var message = failure.InnerException?.Message + " " + failure.Message;
        Assert.Contains("DevIdentity:Enabled", message, StringComparison.Ordinal);
        Assert.Contains(environment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionConfiguration_NeverMentionsTheDevelopmentIdentityProvider()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");

        using var settings = JsonDocument.Parse(File.ReadAllText(path));

        Assert.False(settings.RootElement.TryGetProperty("DevIdentity", out _));
        Assert.DoesNotContain("dev-idp", settings.RootElement.GetProperty("AzureAd").GetProperty("Instance").GetString(), StringComparison.Ordinal);
    }
}
