using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountApi.DevHost.Tests.Configuration;

/// <summary>The development host refuses to start, naming the keys to fix, rather than start half-working.</summary>
public sealed class DevelopmentHostStartupTests : IDisposable
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("accountapi-devhost-start-").FullName;

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_OutsideDevelopment_IsRefusedNamingTheEnvironment(string environment)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(environment));

        Assert.Contains($"'{environment}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Development", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DevIdentity:PublicBaseAddress", "http://localhost:5443", "DevIdentity:PublicBaseAddress")]
    [InlineData("DevIdentity:PublicBaseAddress", "https://localhost:5443/idp", "DevIdentity:PublicBaseAddress")]
    [InlineData("DevIdentity:PublicBaseAddress", "https://idp.contoso.example", "DevIdentity:PublicBaseAddress")]
    [InlineData("DevHost:ApiUrl", "http://0.0.0.0:5080", "DevHost:ApiUrl")]
    [InlineData("DevHost:ApiUrl", "http://localhost:5443", "same port")]
    [InlineData("AzureAd:Scopes", "Account.Write", "DevIdentity:Api:Scopes")]
    [InlineData("OpenApi:ClientId", "22222222-2222-4222-8222-222222222222", "OpenApi:ClientId")]
    [InlineData("Tenancies:globex:DirectoryIds:0", "9f9f9f9f-0000-4000-8000-000000000009", "Tenancies:globex:DirectoryIds:0")]
    public async Task Start_WithSettingThatDisagrees_IsRefusedNamingTheKey(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("Development", $"--{key}={value}"));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "", "'Production'")]
    [InlineData("Development", "--AzureAd:TenantId=contoso.onmicrosoft.com", "AzureAd:TenantId")]
    [InlineData("Development", "--RateLimits:PerCaller:PermitLimit=0", "RateLimits:PerCaller:PermitLimit")]
    public async Task Executable_WithBadConfiguration_PrintsOneLineAndExitsWithCode1(string environment, string setting, string named)
    {
        // The host as `dotnet run` starts it: what an operator sees is the process's output and exit code.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "AccountApi.DevHost.dll"), $"--environment={environment}",
                     $"--DevHost:ApiUrl=http://localhost:{LoopbackPorts.Free()}",
                     $"--DevIdentity:SigningKeyPath={Path.Combine(_keyDirectory, "keys.pem")}",
                     $"--TenancyRegistry:Sqlite={Path.Combine(_keyDirectory, "tenancies.db")}", setting])
        {
            if (argument.Length > 0)
            {
                start.ArgumentList.Add(argument);
            }
        }

        var (exitCode, printed) = await ServiceProcess.RunUntilExitAsync(start);

        Assert.Equal(1, exitCode);
        Assert.Contains($"AccountApi.DevHost cannot start: ", printed, StringComparison.Ordinal);
        Assert.Contains(named, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DerivesTheApisAuthorityAndAudience_FromTheProvidersRegistration()
    {
        // Stated once, for the provider: the API cannot be told another authority or audience by mistake.
        const string ApiClientId = "99999999-9999-4999-8999-999999999999";
        await using var host = await DevelopmentHost.StartAsync(
        [
            "--environment=Development",
            $"--DevHost:ApiUrl=http://localhost:{LoopbackPorts.Free()}",
            $"--DevIdentity:SigningKeyPath={Path.Combine(_keyDirectory, "keys.pem")}",
            $"--TenancyRegistry:Sqlite={Path.Combine(_keyDirectory, "tenancies.db")}",
            $"--DevIdentity:Api:ClientId={ApiClientId}",
            "--AzureAd:ClientId=11111111-1111-4111-8111-111111111111",
            "--AzureAd:Instance=https://login.microsoftonline.com/",
        ]);

        var azureAd = host.Api.Services.GetRequiredService<IOptions<AccountApi.Authentication.AzureAdOptions>>().Value;
        Assert.Equal(ApiClientId, azureAd.ClientId);
        Assert.Equal(host.IdentityProviderAddress.AbsoluteUri, azureAd.Instance);
    }

    public void Dispose() => Directory.Delete(_keyDirectory, recursive: true);

    private async Task StartAsync(string environment, params string[] overrides)
    {
        // Free ports, so that a refusal is about the setting under test and never about a port in use.
        string[] args =
        [
            $"--environment={environment}",
            $"--DevHost:ApiUrl=http://localhost:{LoopbackPorts.Free()}",
            $"--DevIdentity:SigningKeyPath={Path.Combine(_keyDirectory, "keys.json")}",
            $"--TenancyRegistry:Sqlite={Path.Combine(_keyDirectory, "tenancies.db")}",
            .. overrides,
        ];
        await using var host = await DevelopmentHost.StartAsync(args);
    }
}
