using AccountApi.Authentication;
using AccountApi.Cors;
using AccountApi.Proxies;
using AccountApi.RateLimiting;
using AccountApi.Revocation;
using AccountApi.SignInSessions;
using AccountApi.Tenancy;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using AccountApi.TokenCache;
using Microsoft.AspNetCore.Builder;
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
    [InlineData("Tenancies:glo_bex:DirectoryIds:0", TestDirectories.ContosoId, "Tenancies:glo_bex")]
    [InlineData("Tenancies:contoso:Suspended", "maybe", "Tenancies:contoso:Suspended")]
    [InlineData("Tenancies:contoso:DirectoyIds:0", TestDirectories.FabrikamId, "Tenancies:contoso: ")]
    [InlineData("Cors:AllowedOrigins:0", "*", "Cors:AllowedOrigins:0")]
    [InlineData("Cors:AllowedOrigins:0", "http://localhost:3000/", "Cors:AllowedOrigins:0")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.contoso.example/spa", "Cors:AllowedOrigins:0")]
    [InlineData("Cors:AllowedOrigins:0", "HTTPS://App.Contoso.Example", "Cors:AllowedOrigins:0")]
    [InlineData("Cors:AllowedOrigins:0", "file:///tmp/page.html", "Cors:AllowedOrigins:0")]
    [InlineData("Cors:AllowedOrigins:0", "http://app.contoso.example", "Cors:AllowedOrigins:0")]
    [InlineData("RateLimits:PerNetwork:PermitLimit", "0", "RateLimits:PerNetwork:PermitLimit")]
    [InlineData("AzureAd:MetadataRefreshInterval", "12:00:00", "AzureAd:MetadataRefreshInterval")]
    [InlineData("RateLimits:PerOperator:Window", "00:00:00", "RateLimits:PerOperator:Window")]
    [InlineData("Revocation:MaxStaleness", "00:00:00.5", "Revocation:MaxStaleness")]
    [InlineData("Revocation:MaxEntries", "10", "Revocation:MaxEntries")]
    [InlineData("RateLimits:PerAddress:PermitLimit", "0", "RateLimits:PerAddress:PermitLimit")]
    [InlineData("RateLimits:PerCaller:PermitLimit", "-5", "RateLimits:PerCaller:PermitLimit")]
    [InlineData("RateLimits:PerTenancy:Window", "00:00:00", "RateLimits:PerTenancy:Window")]
    [InlineData("RateLimits:PerCaller:Window", "2.00:00:00", "RateLimits:PerCaller:Window")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardedHeaders_Enabled", "true", "ForwardedHeaders_Enabled")]
    [InlineData("TokenCache:MaxEntries", "0", "TokenCache:MaxEntries")]
    [InlineData("TokenCache:MaxMegabytes", "0", "TokenCache:MaxMegabytes")]
    [InlineData("TokenCache:MaxEntries", "1000001", "TokenCache:MaxEntries")]
    [InlineData("Revocation:MaxTokenLifetime", "00:04:59", "Revocation:MaxTokenLifetime")]
    [InlineData("Revocation:MaxTokenLifetime", "2.00:00:01", "Revocation:MaxTokenLifetime")]
    [InlineData("Revocation:Graph:ClientId", "7e1f0a4c-2b8d-4c3e-9f6a-1d2e3f4a5b6c", "Revocation:Graph:ClientSecret")]
    [InlineData("Revocation:Graph:ClientId", "graph-app", "Revocation:Graph:ClientId")]
    [InlineData("Revocation:Graph:ClientSecret", "s3cret", "Revocation:Graph:ClientSecret")]
    public async Task Start_WithInvalidSetting_FailsNamingTheKey(string key, string value, string namedKey)
    {
        // The same registrations Program.cs makes, on a bare host: WebApplicationFactory's deferred host races with
        // the disposal of a host that failed to start and sometimes reports ObjectDisposedException instead.
        var settings = new Dictionary<string, string?>(factory.Settings) { ["AzureAd:Instance"] = factory.Authority.Instance };
        settings[key] = value;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEntraIdAuthentication().AddValidatedTokenCache().AddTenancy().AddAccountCors().AddAccountRateLimits().AddTrustedProxies().AddTokenRevocation().AddSignInSessionRevocation();
        await using var app = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(namedKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_WithoutClientId_ExitsAtStartNamingTheKey()
    {
        var (exitCode, output) = await BuiltService.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureAd__ClientId"] = "",
        });

        // One line naming the key and the fix, exit code 1: not an unhandled exception (134) with a stack trace.
        Assert.Equal(1, exitCode);
        Assert.Contains("AccountApi cannot start: AzureAd:ClientId", output, StringComparison.Ordinal);
        Assert.Contains("AzureAd__ClientId=", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_WithSeveralInvalidSettings_NamesEveryKeyAndExitsWithCode1()
    {
        var (exitCode, output) = await BuiltService.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureAd__ClientId"] = "11111111-1111-4111-8111-111111111111",
            ["RateLimits__PerCaller__PermitLimit"] = "0",
            ["Tenancies__globex__DirectoryIds__0"] = "not-a-guid",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("RateLimits:PerCaller:PermitLimit", output, StringComparison.Ordinal);
        Assert.Contains("Tenancies:globex:DirectoryIds:0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5443/")]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://[::1]:5080/")]
    public async Task GetMe_WithPlainHttpAuthorityOnLoopback_FetchesItsKeysAndAcceptsItsTokens(string instance)
    {
        // The metadata really is fetched over http: JwtBearer would refuse it if RequireHttpsMetadata stayed on.
        using var loopback = new AccountApiFactory(new TestAuthority(instance));
        using var client = loopback.CreateClient(AccountApiFactory.ContosoUser, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(loopback.Authority.MetadataRequests >= 2, "discovery and JWKS were fetched from the loopback authority");
    }
}
