using System.Text.Json;
using AccountApi.DevelopmentIdentity;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AccountApi.Tests.DevelopmentIdentity;

/// <summary>The development identity provider can never run outside Development.</summary>
public sealed class ProductionGuardTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Service_WithDevIdentityEnabledOutsideDevelopment_ExitsAtStartSayingWhy(string environment)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["AzureAd__ClientId"] = "11111111-1111-4111-8111-111111111111",
            ["DevIdentity__Enabled"] = "true",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("DevIdentity:Enabled", output, StringComparison.Ordinal);
        Assert.Contains($"'{environment}'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithDevIdentityEnabledByASourceAddedLater_IsStillRefusedOutsideDevelopment()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.AddDevelopmentIdentity();
        // Added after the provider decided not to register itself: the start-time check sees it.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DevIdentity:Enabled"] = "true" });
        await using var app = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("DevIdentity:Enabled", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'Production'", failure.Message, StringComparison.Ordinal);
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
