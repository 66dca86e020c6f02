using System.Net;
using System.Text.Json;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Tenancy;

/// <summary>Tenancies follow configuration reloads; an invalid reload keeps the last valid set.</summary>
public sealed class TenancyReloadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("accountapi-tenancies-").FullName;
    private readonly AccountApiFactory _factory = new();

    private string TenanciesFile => Path.Combine(_directory, "tenancies.json");

    [Fact]
    public async Task Reload_ThatAddsATenancy_AdmitsItWithoutRestart()
    {
        WriteTenancies(new { globex = new { DisplayName = "Globex", DirectoryIds = new[] { ContosoDirectory } } }, include: false);
        using var factory = CreateFactory();
        using var client = AccountApiFactory.CreateClient(factory, _factory.Authority, ContosoUser, "globex");
        await ProblemAssert.RefusedAsync(await client.GetAsync("/account/me"), "tenant_not_permitted");

        WriteTenancies(new { globex = new { DisplayName = "Globex", DirectoryIds = new[] { ContosoDirectory } } });
        Reload(factory);
        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Globex", account.GetProperty("tenancy").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Reload_ThatSuspendsATenancy_RefusesItWithoutRestart()
    {
        WriteTenancies(new { globex = new { DirectoryIds = new[] { ContosoDirectory } } });
        using var factory = CreateFactory();
        using var client = AccountApiFactory.CreateClient(factory, _factory.Authority, ContosoUser, "globex");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        WriteTenancies(new { globex = new { DirectoryIds = new[] { ContosoDirectory }, Suspended = true } });
        Reload(factory);

        await ProblemAssert.RefusedAsync(await client.GetAsync("/account/me"), "tenant_not_permitted");
    }

    [Theory]
    [InlineData("""{ "Tenancies": { "globex": { "DirectoryIds": [] } } }""")]
    [InlineData("""{ "Tenancies": { "globex": { "DirectoryIds": [ "not-a-guid" ] } } }""")]
    [InlineData("""{ "Tenancies": { "globex": { "DirectoryIds": [ "c0c0c0c0-0000-4000-8000-000000000001" ], "Suspended": "maybe" } } }""")]
    [InlineData("""{ "Tenancies": { "bad_name": { "DirectoryIds": [ "c0c0c0c0-0000-4000-8000-000000000001" ] } } }""")]
    [InlineData("""{ "Tenancies": { "globex": { "DirectoryIds": { "0": "fabfab00-0000-4000-8000-000000000002", "2": "fabfab00-0000-4000-8000-000000000003" } } } }""")]
    [InlineData("""{ "Tenancies": { "globex": { "DirectoryIds": [ "fabfab00-0000-4000-8000-000000000002" ], "DirectoyIds": [ "fabfab00-0000-4000-8000-000000000003" ] } } }""")]
    public async Task Reload_ThatWouldBeInvalid_KeepsTheLastValidSet(string invalidJson)
    {
        WriteTenancies(new { globex = new { DirectoryIds = new[] { ContosoDirectory } } });
        using var factory = CreateFactory();
        using var client = AccountApiFactory.CreateClient(factory, _factory.Authority, ContosoUser, "globex");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        File.WriteAllText(TenanciesFile, invalidJson);
        Reload(factory);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);
    }

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static void Reload(WebApplicationFactory<Program> factory) =>
        ((IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>()).Reload();

    private WebApplicationFactory<Program> CreateFactory()
    {
        // "globex" exists only in the file; the fixture's own tenancies stay beside it.
        return _factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddJsonFile(TenanciesFile, optional: false, reloadOnChange: false)));
    }

    private void WriteTenancies(object tenancies, bool include = true) =>
        File.WriteAllText(TenanciesFile, JsonSerializer.Serialize(new { Tenancies = include ? tenancies : new { } }));
}
