using System.Net;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authentication;

/// <summary>With <c>AzureAd:TenantId</c> set to one directory, only that directory's issuer is accepted.</summary>
public sealed class SingleTenantTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    [Fact]
    public async Task GetMe_WithTokenOfTheConfiguredDirectory_Returns200()
    {
        using var host = SingleTenant();
        using var client = AccountApiFactory.CreateClient(host, factory.Authority, ContosoUser, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetMe_WithTokenOfAnotherDirectory_Returns403InvalidToken()
    {
        using var host = SingleTenant();
        using var client = AccountApiFactory.CreateClient(host, factory.Authority, FabrikamUser, "fabrikam");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    private WebApplicationFactory<Program> SingleTenant() =>
        factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureAd:TenantId"] = ContosoDirectory.ToString() })));
}
